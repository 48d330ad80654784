-- One complete audit session of year 115 (SPEC Appendix A), written as the
-- rows ingest would make, for tests that need data without ingest:
-- vendor 22099131, session 115-07 with a committee of three and one sampled
-- contract K1; C01 不符合, S03 of K1 部分符合, everything else 符合.
BEGIN;
INSERT INTO vendors VALUES ('22099131', '測試資訊股份有限公司');
INSERT INTO vendor_years VALUES (115, '22099131', 3, 2, 1, 1);
INSERT INTO sessions (id, year, taxid, date, lead, source) VALUES ('115-07', 115, '22099131', '2026-06-12', '王大明', 'fixture');
INSERT INTO session_members VALUES ('115-07', 1, '李小華'), ('115-07', 2, '陳美玲'), ('115-07', 3, '張志豪');
INSERT INTO session_contracts VALUES ('115-07', 'K1', '數位發展部', '行政資訊系統維運案', '公文系統');
INSERT INTO results VALUES ('115-07', 'C01', '', 'noncompliant', '機房進出未留存紀錄', '建立進出登記');
INSERT INTO results VALUES ('115-07', 'C02', '', 'compliant', '', '');
INSERT INTO results VALUES ('115-07', 'C03', '', 'compliant', '', '');
INSERT INTO results VALUES ('115-07', 'C04', '', 'compliant', '', '');
INSERT INTO results VALUES ('115-07', 'C05', '', 'compliant', '', '');
INSERT INTO results VALUES ('115-07', 'C06', '', 'compliant', '', '');
INSERT INTO results VALUES ('115-07', 'C07', '', 'compliant', '', '');
INSERT INTO results VALUES ('115-07', 'C08', '', 'compliant', '', '');
INSERT INTO results VALUES ('115-07', 'C09', '', 'compliant', '', '');
INSERT INTO results VALUES ('115-07', 'C10', '', 'compliant', '', '');
INSERT INTO results VALUES ('115-07', 'S01', 'K1', 'compliant', '', '');
INSERT INTO results VALUES ('115-07', 'S02', 'K1', 'compliant', '', '');
INSERT INTO results VALUES ('115-07', 'S03', 'K1', 'partial', '管理者帳號兼作一般用途', '');
INSERT INTO results VALUES ('115-07', 'S04', 'K1', 'compliant', '', '');
INSERT INTO results VALUES ('115-07', 'S05', 'K1', 'compliant', '', '');
INSERT INTO results VALUES ('115-07', 'S06', 'K1', 'compliant', '', '');
INSERT INTO results VALUES ('115-07', 'S07', 'K1', 'compliant', '', '');
INSERT INTO results VALUES ('115-07', 'S08', 'K1', 'compliant', '', '');
INSERT INTO results VALUES ('115-07', 'S09', 'K1', 'compliant', '', '');
INSERT INTO results VALUES ('115-07', 'S10', 'K1', 'compliant', '', '');
INSERT INTO results VALUES ('115-07', 'S11', 'K1', 'compliant', '', '');
INSERT INTO results VALUES ('115-07', 'S12', 'K1', 'compliant', '', '');
INSERT INTO results VALUES ('115-07', 'S13', 'K1', 'compliant', '', '');
INSERT INTO results VALUES ('115-07', 'S14', 'K1', 'compliant', '', '');
INSERT INTO results VALUES ('115-07', 'S15', 'K1', 'compliant', '', '');
INSERT INTO results VALUES ('115-07', 'S16', 'K1', 'compliant', '', '');
INSERT INTO results VALUES ('115-07', 'S17', 'K1', 'compliant', '', '');
INSERT INTO auditor_ratings VALUES ('115-07', '李小華', 'C01', '', 'noncompliant');
-- the worst rating of each item in each session, as ingest writes it (sql/010_session_items.sql)
INSERT OR REPLACE INTO session_items (session, item, worst)
    SELECT session, item, max(CASE rating WHEN 'noncompliant' THEN 3 WHEN 'partial' THEN 2
                                          WHEN 'compliant' THEN 1 ELSE 0 END)
    FROM results GROUP BY session, item;
COMMIT;
