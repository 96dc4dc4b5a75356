package io.hourglass.spring;

import io.hourglass.InvalidRequestException;
import io.hourglass.task.JobContext;
import io.hourglass.task.Task;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Finds the {@link HourglassTask} methods of the application's beans and makes each a {@link Task}. Beans are
 * found by their type, without creating them; each handler looks its bean up when a job runs, so a bean that holds
 * task methods may itself depend on the node (to enqueue follow-up work) without a cycle.
 */
final class TaskMethods {
    private TaskMethods() {
    }

    static List<Task> find(ConfigurableListableBeanFactory beans) {
        List<Task> tasks = new ArrayList<>();
        for (String name : beans.getBeanDefinitionNames()) {
            Class<?> type = beans.getType(name, false);
            if (type == null) {
                continue;
            }
            Class<?> userType = ClassUtils.getUserClass(type);
            Map<Method, HourglassTask> methods = MethodIntrospector.selectMethods(userType,
                    (MethodIntrospector.MetadataLookup<HourglassTask>) method ->
                            AnnotatedElementUtils.findMergedAnnotation(method, HourglassTask.class));
            methods.forEach((method, annotation) -> tasks.add(task(beans, name, method, annotation)));
        }
        return tasks;
    }

    private static Task task(ConfigurableListableBeanFactory beans, String beanName, Method method,
                             HourglassTask annotation) {
        String where = "@HourglassTask(\"" + annotation.value() + "\") on " + method.getDeclaringClass().getName()
                + "." + method.getName();
        Class<?>[] parameters = method.getParameterTypes();
        InvalidRequestException.require(parameters.length == 0
                        || (parameters.length == 1 && parameters[0] == JobContext.class), where,
                "the method must take no parameter or one JobContext, took " + List.of(parameters));
        ReflectionUtils.makeAccessible(method);
        Task.Builder builder = Task.builder(annotation.value()).handler(context -> {
            Object bean = beans.getBean(beanName);
            Method invocable = AopUtils.selectInvocableMethod(method, bean.getClass());
            try {
                if (parameters.length == 0) {
                    invocable.invoke(bean);
                } else {
                    invocable.invoke(bean, context);
                }
            } catch (InvocationTargetException e) {
                Throwable cause = e.getCause();
                if (cause instanceof Exception exception) {
                    throw exception;
                }
                throw (Error) cause;
            }
        });
        if (!annotation.queue().isEmpty()) {
            builder.queue(annotation.queue());
        }
        return builder.build();
    }
}
