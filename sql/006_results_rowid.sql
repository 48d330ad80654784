-- 006_results_rowid.sql: results rebuilt as an ordinary rowid table, for
-- the speed of ingest (docs/PERFORMANCE.md).
--
-- 001 made results a WITHOUT ROWID table keyed on (session, item, ref).
-- Its rows carry the finding and recommendation texts, and a WITHOUT ROWID
-- table stores whole rows in its key's B-tree: every insert moves long rows
-- about as the tree's pages split, which cost ingest about half its time.
-- SQLite's documentation advises WITHOUT ROWID only for small rows.  The
-- same columns, checks, foreign key and data; the primary key (session,
-- item, ref) is now a unique index beside the rows.
--
-- The rating's check is the same as 001's, written with = instead of IN:
-- SQLite builds an IN list of more than two values as a temporary table,
-- and a CHECK builds it again for every row inserted (a 4 kB page cleared
-- each time: an eighth of ingest's instructions).  auditor_ratings, which
-- a session may fill with one row per auditor and result, has the same
-- check and is rebuilt for it too (still WITHOUT ROWID: its rows are small).
--
-- The index results_item of 001 is dropped: no query of jaudit looks up
-- results by item without their session.  results_rating of 005 is kept
-- (recreated with the table): analyze and trend read a year's ratings from
-- it alone, in session order, without touching the texts.
-- The findings view names results, so it is dropped and made again as 001
-- made it.

DROP VIEW findings;

CREATE TABLE results_006 (
    session        TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    item           TEXT NOT NULL,
    ref            TEXT NOT NULL DEFAULT '',   -- '' for a common item
    rating         TEXT NOT NULL
                   CHECK (rating = 'compliant' OR rating = 'partial' OR
                          rating = 'noncompliant' OR rating = 'na'),
    finding        TEXT NOT NULL DEFAULT '',   -- 發現事項
    recommendation TEXT NOT NULL DEFAULT '',   -- 建議 (改善精進措施)
    PRIMARY KEY (session, item, ref),
    CHECK (rating IN ('compliant', 'na') OR finding <> ''),
    CHECK ((item GLOB 'C*') = (ref = ''))
);
INSERT INTO results_006 (session, item, ref, rating, finding, recommendation)
    SELECT session, item, ref, rating, finding, recommendation FROM results
    ORDER BY session, item, ref;
DROP TABLE results;
ALTER TABLE results_006 RENAME TO results;
CREATE INDEX results_rating ON results(session, item, ref, rating);

-- A finding's id (SPEC Appendix A): 115-07-C01, 115-07-S03-K1.
CREATE VIEW findings AS
SELECT r.session || '-' || r.item || CASE r.ref WHEN '' THEN '' ELSE '-' || r.ref END AS id,
       s.year, s.id AS session, s.taxid, s.date, r.item, r.ref, r.rating,
       r.finding, r.recommendation
FROM results r JOIN sessions s ON s.id = r.session
WHERE r.rating IN ('partial', 'noncompliant');

CREATE TABLE auditor_ratings_006 (
    session     TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    auditor     TEXT NOT NULL CHECK (auditor <> ''),
    item        TEXT NOT NULL,
    ref         TEXT NOT NULL DEFAULT '',
    rating      TEXT NOT NULL
                CHECK (rating = 'compliant' OR rating = 'partial' OR
                       rating = 'noncompliant' OR rating = 'na'),
    PRIMARY KEY (session, auditor, item, ref)
) WITHOUT ROWID;
INSERT INTO auditor_ratings_006 (session, auditor, item, ref, rating)
    SELECT session, auditor, item, ref, rating FROM auditor_ratings;
DROP TABLE auditor_ratings;
ALTER TABLE auditor_ratings_006 RENAME TO auditor_ratings;
