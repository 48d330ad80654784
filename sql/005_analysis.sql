-- 005_analysis.sql: a covering index for the analysis pass (core/yearpass.c).
--
-- analyze and trend read every result of a year by session, needing only
-- item, ref and rating.  Without this index SQLite reads the table's rows,
-- finding and recommendation texts included; with it, only the index.  On
-- the 2.7 million results of `make bench` with findings of ordinary length
-- this takes the analysis from 1.9 to 1.4 s of CPU (docs/PERFORMANCE.md).
CREATE INDEX results_rating ON results(session, item, ref, rating);
