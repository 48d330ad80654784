#include "checklist.h"
#include "db.h"
#include "err.h"

#include <string.h>

/* 附件3 of the 115年度 plan, transcribed from the seed; blank cells filled down. */
const struct checklist_item checklist_builtin[] = {
	{ "C01", CHECKLIST_COMMON,
	  "電腦使用限制與設備認證管理",
	  "是否針對電腦機房及重要區域之安全控制、人員進出管控、環境維護（如溫溼度控制）等項目建立適當之管理措施，且落實執行？",
	  "資通安全管理法第10條第2項" },
	{ "C02", CHECKLIST_COMMON,
	  "電腦使用限制與設備認證管理",
	  "是否訂定使用者電腦的軟體安裝管控規則，並定期檢查授權與免費軟體的使用情形？",
	  "資通安全管理法第10條第2項" },
	{ "C03", CHECKLIST_COMMON,
	  "可攜式儲存媒體管控",
	  "是否針對個人行動裝置及可攜式媒體訂定管理程序，且落實執行，並定期審查、監控及稽核？",
	  "資通安全管理法第10條第2項" },
	{ "C04", CHECKLIST_COMMON,
	  "重要資訊組態與資料交換之安全管控",
	  "是否訂定設備日誌紀錄之留存政策，並保留至少6個月紀錄，且系統時間同步且準確？",
	  "資通安全管理法施行細則第7條第1項第7款" },
	{ "C05", CHECKLIST_COMMON,
	  "惡意程式防護",
	  "公司電腦及伺服器是否部署惡意程式防護方案並定期掃描，確保持續更新版本與病毒碼？",
	  "資通安全管理法施行細則第7條第1項第7款" },
	{ "C06", CHECKLIST_COMMON,
	  "對外網路防護",
	  "是否完成下列資通安全防護措施？ 防毒軟體、網路防火牆、電子郵件過濾機制、入侵偵測及防禦機制、應用程式防火牆（具有對外服務之核心資通系統者）、進階持續性威脅攻擊防禦",
	  "資通安全管理法施行細則第7條第1項第7款" },
	{ "C07", CHECKLIST_COMMON,
	  "對外網路防護",
	  "是否已確實設定防火牆並定期檢視防火牆規則，DNS查詢是否僅限於指定DNS伺服器？有效掌握與管理防火牆連線部署？",
	  "資通安全管理法施行細則第7條第1項第7款" },
	{ "C08", CHECKLIST_COMMON,
	  "對外網路防護",
	  "網路架構設計是否符合業務需要及資安要求？是否依網路服務需要區隔獨立的邏輯網域（如DMZ、內部或外部網路等），且建立適當之防護措施，以管制過濾網域間之資料存取？",
	  "資通安全管理法施行細則第7條第1項第7款" },
	{ "C09", CHECKLIST_COMMON,
	  "遠端連線管理",
	  "是否避免允許遠端資料存取？若有遠端存取行為，是否具有相關保護措施？",
	  "資通安全管理法施行細則第7條第1項第7款" },
	{ "C10", CHECKLIST_COMMON,
	  "電子郵件防護",
	  "是否建立並落實電子郵件的過濾、分析與使用管控措施，定期更新過濾規則、偵測並處置異常行為，並依郵件機密性與敏感性規範傳送限制？",
	  "資通安全管理法施行細則第7條第1項第7款" },
	{ "S01", CHECKLIST_SPECIFIC,
	  "配置適當之資通安全專業人員及適當之資源",
	  "是否已配置適當之資通安全專責人員？",
	  "資通安全管理法施行細則第7條第1項第1款" },
	{ "S02", CHECKLIST_SPECIFIC,
	  "重要資訊組態與資料交換之安全管控",
	  "資通系統重要組態與敏感資訊是否採安全方式儲存？資料交換是否具備完整性、機密性之保護措施並留存監控紀錄？",
	  "資通安全管理法施行細則第7條第1項第7款" },
	{ "S03", CHECKLIST_SPECIFIC,
	  "帳號密碼管理",
	  "是否建立並定期盤點帳號管理機制，要求預設密碼登入後立即更改且符合密碼複雜度規範（如包含禁用已知洩露密碼之機制），並優先導入多因子驗證（MFA），同時採行最小權限與角色型存取控制，並確保管理者帳號僅用於管理用途？",
	  "資通安全管理法施行細則第7條第1項第7款" },
	{ "S04", CHECKLIST_SPECIFIC,
	  "安全性更新與漏洞管理",
	  "是否針對安全性檢測結果執行修補作業，且於修補完成後驗證是否完成改善？",
	  "資通安全管理法施行細則第7條第1項第7款" },
	{ "S05", CHECKLIST_SPECIFIC,
	  "安全性更新與漏洞管理",
	  "受託業務包括客製化資通系統開發者，是否提供資通系統之安全性檢測證明，並針對非自行開發之系統或資源，標示內容與其來源及提供授權證明？",
	  "資通安全管理法施行細則第7條第1項第4款" },
	{ "S06", CHECKLIST_SPECIFIC,
	  "安全性更新與漏洞管理",
	  "是否針對資通系統所使用之外部元件或軟體、韌體，注意其安全漏洞通告，且定期評估更新？系統之漏洞修復是否測試有效性及潛在影響？",
	  "資通安全管理法施行細則第7條第1項第7款" },
	{ "S07", CHECKLIST_SPECIFIC,
	  "系統安全開發",
	  "資通系統開發程序是否依安全系統發展生命週期（Secure Software Development Life Cycle, SSDLC）納入資安要求？並是否有檢核機制？",
	  "資通安全管理法施行細則第7條第1項第7款" },
	{ "S08", CHECKLIST_SPECIFIC,
	  "系統安全開發",
	  "資通系統開發前，是否設計安全性要求，包含機敏資料存取、用戶登入資訊檢核及用戶輸入輸出之檢查過濾等，且檢討執行情形？",
	  "資通安全管理法施行細則第7條第1項第7款" },
	{ "S09", CHECKLIST_SPECIFIC,
	  "系統安全開發",
	  "資通系統設計階段，是否依系統功能及要求，識別可能影響系統之威脅，進行風險分析及評估？",
	  "資通安全管理法施行細則第7條第1項第7款" },
	{ "S10", CHECKLIST_SPECIFIC,
	  "系統安全開發",
	  "資通系統開發階段，是否針對安全需求實作必要控制措施並避免常見漏洞（如OWASP Top 10等），且針對防護需求等級高者，執行源碼掃描安全檢測？另是否執行安全性功能測試，且檢討執行情形？",
	  "資通安全管理法施行細則第7條第1項第7款" },
	{ "S11", CHECKLIST_SPECIFIC,
	  "系統安全開發",
	  "是否就其開發資通系統建立版本控管及變更管理機制，並留存相關紀錄？",
	  "資通安全管理法施行細則第7條第1項第7款" },
	{ "S12", CHECKLIST_SPECIFIC,
	  "系統安全開發",
	  "資通系統測試階段，是否執行弱點掃描安全檢測？且針對防護需求等級高者，執行滲透測試安全檢測？",
	  "資通安全管理法施行細則第7條第1項第7款" },
	{ "S13", CHECKLIST_SPECIFIC,
	  "系統安全開發",
	  "是否將開發、測試及正式作業環境區隔，且針對不同作業環境建立適當之資安保護措施？",
	  "資通安全管理法施行細則第7條第1項第7款" },
	{ "S14", CHECKLIST_SPECIFIC,
	  "訂定受託者內部資通安全事件通報及應變之程序及機制",
	  "是否建立資通安全事件發生之通報應變程序？",
	  "資通安全管理法施行細則第7條第1項第5款" },
	{ "S15", CHECKLIST_SPECIFIC,
	  "訂定受託者內部資通安全事件通報及應變之程序及機制",
	  "是否留有資通安全事件處理之記錄文件，記錄中並有改善措施？",
	  "資通安全管理法施行細則第7條第1項第5款" },
	{ "S16", CHECKLIST_SPECIFIC,
	  "分包廠商資通安全維護措施",
	  "是否有委託其他分包廠商協助？與該分包廠商之委外契約中是否包含法律需求（如：個人資料保護法）、界定雙方有關人員權責、使用安全控管措施及作業程序、對分包廠商資安稽核權等條文？",
	  "資通安全管理法施行細則第7條第2款" },
	{ "S17", CHECKLIST_SPECIFIC,
	  "分包廠商資通安全維護措施",
	  "如有分包廠商，是否已對分包廠商執行稽核並留下紀錄？",
	  "資通安全管理法施行細則第7條第2款" },
};
const size_t checklist_builtin_count =
	sizeof(checklist_builtin) / sizeof(checklist_builtin[0]);

const char *checklist_category_code(enum checklist_category c)
{
	return c == CHECKLIST_COMMON ? "common" : "specific";
}

const char *checklist_category_label(const char *code, int en)
{
	if (strcmp(code, "common") == 0)
		return en ? "Common" : "共通性";
	if (strcmp(code, "specific") == 0)
		return en ? "Contract-specific" : "特定契約";
	return code;
}

static const struct {
	const char *dimension, *zh, *en;
} dimension_names[] = {
	{ "電腦使用限制與設備認證管理", "電腦與設備管理", "Computer use & devices" },
	{ "可攜式儲存媒體管控", "可攜式媒體", "Portable media" },
	{ "重要資訊組態與資料交換之安全管控", "組態與資料交換", "Configuration & data exchange" },
	{ "惡意程式防護", "惡意程式防護", "Malware protection" },
	{ "對外網路防護", "對外網路防護", "Perimeter network" },
	{ "遠端連線管理", "遠端連線管理", "Remote access" },
	{ "電子郵件防護", "電子郵件防護", "E-mail protection" },
	{ "配置適當之資通安全專業人員及適當之資源", "資安人力資源", "Security staff & resources" },
	{ "帳號密碼管理", "帳號密碼管理", "Accounts & passwords" },
	{ "安全性更新與漏洞管理", "更新與漏洞管理", "Patches & vulnerabilities" },
	{ "系統安全開發", "系統安全開發", "Secure development" },
	{ "訂定受託者內部資通安全事件通報及應變之程序及機制", "事件通報應變", "Incident response" },
	{ "分包廠商資通安全維護措施", "分包廠商管理", "Subcontractors" },
};

const char *checklist_dimension_short(const char *dimension, int en)
{
	size_t i;

	for (i = 0; i < sizeof(dimension_names) / sizeof(dimension_names[0]); i++)
		if (strcmp(dimension, dimension_names[i].dimension) == 0)
			return en ? dimension_names[i].en : dimension_names[i].zh;
	return dimension;
}

int checklist_year_exists(sqlite3 *db, int year, int *exists)
{
	sqlite3_stmt *st;
	int rc;

	if (db_prepare(db, &st, "SELECT EXISTS (SELECT 1 FROM checklist_items WHERE year = :year)") < 0)
		return JAUDIT_EDATA;
	db_bind_int(st, ":year", year);
	rc = db_step(st);
	if (rc == SQLITE_ROW)
		*exists = sqlite3_column_int(st, 0);
	db_finalize(st);
	return rc == SQLITE_ROW ? 0 : JAUDIT_EDATA;
}

int checklist_load_builtin(sqlite3 *db, int year)
{
	sqlite3_stmt *st = NULL;
	long long nresults;
	size_t i;
	int seq_c = 0, seq_s = 0, ret = JAUDIT_EDATA;

	if (db_prepare(db, &st, "SELECT count(*) FROM results r JOIN sessions s ON s.id = r.session WHERE s.year = :year") < 0)
		return JAUDIT_EDATA;
	db_bind_int(st, ":year", year);
	if (db_step(st) != SQLITE_ROW)
		goto out;
	nresults = sqlite3_column_int64(st, 0);
	db_finalize(st);
	st = NULL;
	if (nresults > 0) {
		ret = jerror("the checklist of year %d cannot be replaced: %lld results of that year refer to it",
			     year, nresults);
		goto out;
	}
	if (db_prepare(db, &st, "DELETE FROM checklist_items WHERE year = :year") < 0)
		goto out;
	db_bind_int(st, ":year", year);
	if (db_step(st) != SQLITE_DONE)
		goto out;
	db_finalize(st);
	if (db_prepare(db, &st,
		       "INSERT INTO checklist_items (year, code, category, seq, dimension, question, basis)"
		       " VALUES (:year, :code, :category, :seq, :dimension, :question, :basis)") < 0)
		goto out;
	for (i = 0; i < checklist_builtin_count; i++) {
		const struct checklist_item *it = &checklist_builtin[i];
		int seq = it->category == CHECKLIST_COMMON ? ++seq_c : ++seq_s;

		db_bind_int(st, ":year", year);
		db_bind_text(st, ":code", it->code);
		db_bind_text(st, ":category", checklist_category_code(it->category));
		db_bind_int(st, ":seq", seq);
		db_bind_text(st, ":dimension", it->dimension);
		db_bind_text(st, ":question", it->question);
		db_bind_text(st, ":basis", it->basis);
		if (db_step(st) != SQLITE_DONE)
			goto out;
		db_reset(st);
	}
	ret = 0;
out:
	db_finalize(st);
	return ret;
}
