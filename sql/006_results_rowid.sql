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
                   CHECK (rating IN ('compliant', 'partial', 'noncompliant', 'na')),
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
