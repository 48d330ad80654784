-- 008_authorization_vendors.sql: a 附件1 contract once, its vendors and
-- scopes beside it.
--
-- Real 附件1 forms list one contract on several rows: one row per vendor
-- when two serve it (共同投標, or a subcontractor named on its own row), or
-- one row per 履約範圍.  001 kept one row per (year, agency, contract,
-- system) with one vendor and one scope, so such a form was refused.  Now:
--   * authorizations is the contract, once: year, agency, contract, system
--     and the submission (contact block) it came with;
--   * authorization_vendors is one row of the form under it: the vendor
--     (taxid), the scope (履約範圍), the row's 編號 and 廠商是否知悉稽核作業.
--     A contract has one such row per (vendor, scope).
-- Every stored authorization becomes one contract with its one vendor row
-- (ids kept).  The candidate rule of 001 (only a published candidate of
-- the year may be named) moves with the vendor, under the same trigger
-- names.

CREATE TABLE authorizations_008 (
    id           INTEGER PRIMARY KEY,
    year         INTEGER NOT NULL CHECK (year BETWEEN 1 AND 999),
    agency       TEXT    NOT NULL CHECK (agency <> ''),    -- 機關名稱
    contract     TEXT    NOT NULL CHECK (contract <> ''),  -- 契約案名
    system       TEXT    NOT NULL DEFAULT '',              -- 系統名稱
    submission   INTEGER REFERENCES form_submissions(id),
    UNIQUE (year, agency, contract, system)
);
INSERT INTO authorizations_008 (id, year, agency, contract, system, submission)
    SELECT id, year, agency, contract, system, submission FROM authorizations;

CREATE TABLE authorization_vendors (
    authorization INTEGER NOT NULL REFERENCES authorizations_008(id) ON DELETE CASCADE,
    year         INTEGER NOT NULL,                         -- the contract's, for the key below
    taxid        TEXT    NOT NULL,                         -- 廠商 (matched by name)
    scope        TEXT    NOT NULL DEFAULT '',              -- 履約範圍
    form_no      TEXT    NOT NULL DEFAULT '',              -- 編號 of the row
    vendor_aware INTEGER NOT NULL CHECK (vendor_aware IN (0, 1)),  -- 廠商是否知悉稽核作業
    PRIMARY KEY (authorization, taxid, scope),
    FOREIGN KEY (year, taxid) REFERENCES vendor_years(year, taxid)
) WITHOUT ROWID;
INSERT INTO authorization_vendors (authorization, year, taxid, scope, form_no, vendor_aware)
    SELECT id, year, taxid, scope, form_no, vendor_aware FROM authorizations;

DROP TABLE authorizations;
ALTER TABLE authorizations_008 RENAME TO authorizations;
CREATE INDEX authorization_vendors_taxid ON authorization_vendors(year, taxid);

-- The year is the contract's, and only a published candidate of it may be named.
CREATE TRIGGER authorizations_candidate_insert
BEFORE INSERT ON authorization_vendors
WHEN NOT EXISTS (SELECT 1 FROM authorizations a WHERE a.id = NEW.authorization AND a.year = NEW.year)
  OR NOT EXISTS (SELECT 1 FROM vendor_years v
                 WHERE v.year = NEW.year AND v.taxid = NEW.taxid AND v.candidate = 1)
BEGIN
    SELECT RAISE(ABORT, 'authorizations: the vendor is not a candidate of the contract''s year');
END;
CREATE TRIGGER authorizations_candidate_update
BEFORE UPDATE OF authorization, year, taxid ON authorization_vendors
WHEN NOT EXISTS (SELECT 1 FROM authorizations a WHERE a.id = NEW.authorization AND a.year = NEW.year)
  OR NOT EXISTS (SELECT 1 FROM vendor_years v
                 WHERE v.year = NEW.year AND v.taxid = NEW.taxid AND v.candidate = 1)
BEGIN
    SELECT RAISE(ABORT, 'authorizations: the vendor is not a candidate of the contract''s year');
END;
