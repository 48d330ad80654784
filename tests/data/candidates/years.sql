-- Fixture for tests/e2e/test_candidates.sh: year 115 has only the vendors
-- list; year 116 has a system inventory as well.
INSERT INTO vendors (taxid, name) VALUES
  ('22099131', '甲資訊股份有限公司'),
  ('04541302', '乙系統股份有限公司'),
  ('10458575', '丙科技股份有限公司'),
  ('12345675', '丁數位股份有限公司'),
  ('10458574', '戊網通股份有限公司'),
  ('12345670', '己雲端股份有限公司');

-- 115: largest core-system count 12, largest agency count 10.
-- Scores with 0.5,0.5: 甲 0.9; 乙 and 戊 0.75 (equal counts: tax id
-- decides); 丙 (9, 4) and 丁 (3, 9) both 0.575 (core systems decide); 己 0.
INSERT INTO vendor_years (year, taxid, core_systems, agencies, candidate, selected) VALUES
  (115, '22099131', 12, 8, 1, 1),
  (115, '04541302', 6, 10, 1, 0),
  (115, '10458575', 9, 4, 0, 0),
  (115, '12345675', 3, 9, 1, 1),
  (115, '10458574', 6, 10, 0, 0),
  (115, '12345670', 0, 0, 0, 0);

-- 116: the vendors list says 甲 maintains 99 core systems, but the inventory
-- is what counts: 甲 3 core systems at 3 agencies, 乙 1 at 2, 丙 4 at 1;
-- 丁 is listed but maintains nothing in the inventory.
INSERT INTO vendor_years (year, taxid, core_systems, agencies, candidate, selected) VALUES
  (116, '22099131', 99, 1, 1, 0),
  (116, '12345675', 0, 0, 0, 0);
INSERT INTO inventory (year, agency, system, core, taxid) VALUES
  (116, '甲機關', '公文系統', 1, '22099131'),
  (116, '甲機關', '人事系統', 1, '22099131'),
  (116, '乙機關', '公文系統', 1, '22099131'),
  (116, '丙機關', '機關網站', 0, '22099131'),
  (116, '甲機關', '會計系統', 1, '04541302'),
  (116, '乙機關', '會計系統', 0, '04541302'),
  (116, '丙機關', '地政系統', 1, '10458575'),
  (116, '丙機關', '戶政系統', 1, '10458575'),
  (116, '丙機關', '稅務系統', 1, '10458575'),
  (116, '丙機關', '差勤系統', 1, '10458575');
