-- 001_base.sql: the audit year's data as ingested (SPEC §2, Appendix A).
--
-- Years are ROC years (115 = 2026); dates are ISO text (2026-06-12).
-- Ratings are stored by their English codes:
--   compliant 符合, partial 部分符合, noncompliant 不符合, na 不適用.
-- Constraints and triggers here make the database refuse bad data even
-- when it is written from the sqlite3 shell.

CREATE TABLE checklist_items (
    year        INTEGER NOT NULL CHECK (year BETWEEN 1 AND 999),
    code        TEXT    NOT NULL CHECK (code GLOB '[CS][0-9][0-9]'),
    category    TEXT    NOT NULL CHECK (category IN ('common', 'specific')),
    seq         INTEGER NOT NULL CHECK (seq >= 1),
    dimension   TEXT    NOT NULL CHECK (dimension <> ''),   -- 構面
    question    TEXT    NOT NULL CHECK (question <> ''),    -- 檢核項目
    basis       TEXT    NOT NULL,                           -- 稽核依據
    PRIMARY KEY (year, code),
    CHECK ((category = 'common') = (code GLOB 'C*'))
) WITHOUT ROWID;

CREATE TABLE vendors (
    taxid       TEXT PRIMARY KEY
                CHECK (length(taxid) = 8 AND taxid NOT GLOB '*[^0-9]*'),   -- 統一編號
    name        TEXT NOT NULL CHECK (name <> '')                           -- 廠商名稱
) WITHOUT ROWID;

-- A vendor's standing in one year (seed §6).
CREATE TABLE vendor_years (
    year         INTEGER NOT NULL CHECK (year BETWEEN 1 AND 999),
    taxid        TEXT    NOT NULL REFERENCES vendors(taxid),
    core_systems INTEGER NOT NULL DEFAULT 0 CHECK (core_systems >= 0),  -- 維運機關核心資通系統數量
    agencies     INTEGER NOT NULL DEFAULT 0 CHECK (agencies >= 0),      -- 服務機關數量
    candidate    INTEGER NOT NULL DEFAULT 0 CHECK (candidate IN (0, 1)), -- 候選
    selected     INTEGER NOT NULL DEFAULT 0 CHECK (selected IN (0, 1)),  -- 受稽核
    PRIMARY KEY (year, taxid),
    CHECK (selected <= candidate)
) WITHOUT ROWID;

-- The SPM system inventory (seed §6).
CREATE TABLE inventory (
    id          INTEGER PRIMARY KEY,
    year        INTEGER NOT NULL CHECK (year BETWEEN 1 AND 999),
    agency      TEXT    NOT NULL CHECK (agency <> ''),
    system      TEXT    NOT NULL CHECK (system <> ''),
    core        INTEGER NOT NULL CHECK (core IN (0, 1)),
    taxid       TEXT    NOT NULL REFERENCES vendors(taxid),
    UNIQUE (year, agency, system)
);
CREATE INDEX inventory_vendor ON inventory(year, taxid);

-- Who sent a form: the contact block (機關承辦人聯絡資訊) above 附件1 and 附件2.
CREATE TABLE form_submissions (
    id          INTEGER PRIMARY KEY,
    kind        TEXT    NOT NULL CHECK (kind IN ('authorizations', 'auditors')),
    year        INTEGER NOT NULL CHECK (year BETWEEN 1 AND 999),
    file        TEXT    NOT NULL,
    agency      TEXT    NOT NULL DEFAULT '',
    unit        TEXT    NOT NULL DEFAULT '',
    name        TEXT    NOT NULL DEFAULT '',
    title       TEXT    NOT NULL DEFAULT '',
    phone       TEXT    NOT NULL DEFAULT '',
    email       TEXT    NOT NULL DEFAULT '',
    loaded_at   TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    UNIQUE (kind, year, file)
);

-- 附件1: an agency authorizes the audit team for one of its contracts.
CREATE TABLE authorizations (
    id           INTEGER PRIMARY KEY,
    year         INTEGER NOT NULL CHECK (year BETWEEN 1 AND 999),
    form_no      TEXT    NOT NULL DEFAULT '',              -- 編號
    agency       TEXT    NOT NULL CHECK (agency <> ''),    -- 機關名稱
    contract     TEXT    NOT NULL CHECK (contract <> ''),  -- 契約案名
    scope        TEXT    NOT NULL DEFAULT '',              -- 履約範圍
    system       TEXT    NOT NULL DEFAULT '',              -- 系統名稱
    taxid        TEXT    NOT NULL,                         -- 廠商 (matched by name)
    vendor_aware INTEGER NOT NULL CHECK (vendor_aware IN (0, 1)),  -- 廠商是否知悉稽核作業
    submission   INTEGER REFERENCES form_submissions(id),
    UNIQUE (year, agency, contract, system),
    FOREIGN KEY (year, taxid) REFERENCES vendor_years(year, taxid)
);
CREATE INDEX authorizations_vendor ON authorizations(year, taxid);

-- Only a published candidate of the year may be named (附件1's own rule).
CREATE TRIGGER authorizations_candidate_insert
BEFORE INSERT ON authorizations
WHEN NOT EXISTS (SELECT 1 FROM vendor_years v
                 WHERE v.year = NEW.year AND v.taxid = NEW.taxid AND v.candidate = 1)
BEGIN
    SELECT RAISE(ABORT, 'authorizations: the vendor is not a candidate of that year');
END;
CREATE TRIGGER authorizations_candidate_update
BEFORE UPDATE OF year, taxid ON authorizations
WHEN NOT EXISTS (SELECT 1 FROM vendor_years v
                 WHERE v.year = NEW.year AND v.taxid = NEW.taxid AND v.candidate = 1)
BEGIN
    SELECT RAISE(ABORT, 'authorizations: the vendor is not a candidate of that year');
END;

-- 附件2: auditors recommended by the agencies.
CREATE TABLE auditors (
    id          INTEGER PRIMARY KEY,
    year        INTEGER NOT NULL CHECK (year BETWEEN 1 AND 999),
    form_no     TEXT    NOT NULL DEFAULT '',             -- 編號
    agency      TEXT    NOT NULL CHECK (agency <> ''),   -- 機關
    unit        TEXT    NOT NULL DEFAULT '',             -- 單位
    name        TEXT    NOT NULL CHECK (name <> ''),     -- 姓名
    title       TEXT    NOT NULL DEFAULT '',             -- 職稱
    phone       TEXT    NOT NULL DEFAULT '',             -- 公務電話 (confidential)
    email       TEXT    NOT NULL DEFAULT '',             -- 公務信箱 (confidential)
    reason      TEXT    NOT NULL DEFAULT '',             -- 推薦理由
    pledge_date TEXT CHECK (pledge_date IS NULL OR
                            pledge_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),  -- 保密切結書簽署日期
    submission  INTEGER REFERENCES form_submissions(id),
    UNIQUE (year, agency, name)
);

-- One on-site audit of one vendor (seed §5, §8, §9).
CREATE TABLE sessions (
    id          TEXT    PRIMARY KEY CHECK (id <> ''),      -- "115-07"
    year        INTEGER NOT NULL CHECK (year BETWEEN 1 AND 999),
    taxid       TEXT    NOT NULL,
    date        TEXT    NOT NULL
                CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    lead        TEXT    NOT NULL CHECK (lead <> ''),        -- 稽核領隊
    source      TEXT    NOT NULL DEFAULT '',               -- file it was loaded from
    loaded_at   TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    FOREIGN KEY (year, taxid) REFERENCES vendor_years(year, taxid)
);
CREATE INDEX sessions_year ON sessions(year, taxid);

-- The 3 to 5 members of a session's committee (seed §9(二)).
CREATE TABLE session_members (
    session     TEXT    NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    seq         INTEGER NOT NULL CHECK (seq BETWEEN 1 AND 5),
    name        TEXT    NOT NULL CHECK (name <> ''),
    PRIMARY KEY (session, name),
    UNIQUE (session, seq)
) WITHOUT ROWID;

-- The contracts sampled in a session (announced two weeks before, seed §8).
CREATE TABLE session_contracts (
    session     TEXT    NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    ref         TEXT    NOT NULL CHECK (ref <> ''),        -- "K1"
    agency      TEXT    NOT NULL CHECK (agency <> ''),
    contract    TEXT    NOT NULL CHECK (contract <> ''),
    system      TEXT    NOT NULL DEFAULT '',
    PRIMARY KEY (session, ref)
) WITHOUT ROWID;

-- One rating of one checklist item: a common item once per session, a
-- contract-specific item once per sampled contract (ref).
CREATE TABLE results (
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
) WITHOUT ROWID;
CREATE INDEX results_item ON results(item, rating);

-- Each auditor's own rating, where the session recorded them.
CREATE TABLE auditor_ratings (
    session     TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    auditor     TEXT NOT NULL CHECK (auditor <> ''),
    item        TEXT NOT NULL,
    ref         TEXT NOT NULL DEFAULT '',
    rating      TEXT NOT NULL
                CHECK (rating IN ('compliant', 'partial', 'noncompliant', 'na')),
    PRIMARY KEY (session, auditor, item, ref)
) WITHOUT ROWID;

-- A finding's id (SPEC Appendix A): 115-07-C01, 115-07-S03-K1.
CREATE VIEW findings AS
SELECT r.session || '-' || r.item || CASE r.ref WHEN '' THEN '' ELSE '-' || r.ref END AS id,
       s.year, s.id AS session, s.taxid, s.date, r.item, r.ref, r.rating,
       r.finding, r.recommendation
FROM results r JOIN sessions s ON s.id = r.session
WHERE r.rating IN ('partial', 'noncompliant');
