-- Room on each heap page for the claim's and the completion's new row versions (not HOT: they still write
-- their index entries, but a version on the same page needs no row-lock record and no second page).
ALTER TABLE jobs SET (fillfactor = 70);
