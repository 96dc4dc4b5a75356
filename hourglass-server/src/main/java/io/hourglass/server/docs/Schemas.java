package io.hourglass.server.docs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaBuilder;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.github.victools.jsonschema.module.jackson.JacksonModule;
import java.lang.reflect.Type;

/**
 * The JSON schemas of the records routes read and write, made by victools' jsonschema-generator (with its Jackson
 * module, so names follow the mapper's view of the records) in the subset OpenAPI 3.0 accepts: one definition per
 * object type under {@code #/components/schemas}, no {@code $schema}, no {@code const}, no type arrays. Bodies
 * forbid properties they do not declare, as the server's mapper refuses unknown fields. Ask for every reference
 * first, then {@link #components()} once: the references are filled in when the definitions are collected.
 */
final class Schemas {
    private final SchemaBuilder builder;

    Schemas(ObjectMapper mapper) {
        SchemaGeneratorConfigBuilder config = new SchemaGeneratorConfigBuilder(mapper, SchemaVersion.DRAFT_7,
                OptionPreset.PLAIN_JSON)
                .with(new JacksonModule())
                .with(Option.DEFINITIONS_FOR_ALL_OBJECTS, Option.PLAIN_DEFINITION_KEYS,
                        Option.ENUM_KEYWORD_FOR_SINGLE_VALUES, Option.FORBIDDEN_ADDITIONAL_PROPERTIES_BY_DEFAULT,
                        Option.MAP_VALUES_AS_ADDITIONAL_PROPERTIES, Option.STANDARD_FORMATS,
                        Option.EXTRA_OPEN_API_FORMAT_VALUES)
                .without(Option.SCHEMA_VERSION_INDICATOR);
        this.builder = new SchemaGenerator(config.build()).buildMultipleSchemaDefinitions();
    }

    /** The schema of {@code type} (a reference for an object type), with the type arguments of a generic one. */
    ObjectNode of(Type type, Type... typeArguments) {
        return builder.createSchemaReference(type, typeArguments);
    }

    /** Every definition the references point to, for {@code components.schemas}; call once, after the last. */
    ObjectNode components() {
        return builder.collectDefinitions("components/schemas");
    }
}
