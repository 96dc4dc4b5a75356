-- As ff70, with half of each page left free.
ALTER TABLE jobs SET (fillfactor = 50);
