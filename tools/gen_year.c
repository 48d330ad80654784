/*
 * gen_year - a synthetic audit year of any size, for benchmarks and load
 * tests.  Deterministic: the same options and --seed give the same files.
 *
 *   gen_year [--year Y] [--vendors N] [--results N] [--seed S] [--ratings] DIR
 *
 * writes into DIR:
 *   vendors-Y.csv      N vendors (valid 統一編號), all candidates and selected
 *   sessions-Y.ndjson  sessions (one per vendor in turn) with 1-3 contracts
 *                      each, until at least --results result rows
 *   results-Y.csv      the same results as one flat CSV (session, item, ref,
 *                      rating, finding, recommendation), for comparing with
 *                      sqlite3's own .import
 * With --ratings every committee member's rating is added (auditor_ratings).
 */
#include "../core/checklist.h"
#include "../core/csv.h"
#include "../core/strbuf.h"
#include "../core/taxid.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t rng_state;

static uint64_t rnd(void)
{
	/* xorshift64* */
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 2685821657736338717ULL;
}

static unsigned pick(unsigned n)
{
	return (unsigned)(rnd() % n);
}

static const char *const surnames[] = { "陳", "林", "黃", "張", "李", "王", "吳", "劉", "蔡", "楊" };
static const char *const given[] = { "志明", "淑芬", "建宏", "美玲", "家豪", "怡君", "俊傑", "雅婷", "冠廷", "詩涵" };
static const char *const agencies[] = { "財政部", "內政部", "交通部", "衛生福利部", "經濟部", "教育部", "勞動部", "數位發展部" };
static const char *const systems[] = { "公文管理系統", "電子採購系統", "人事差勤系統", "全球資訊網", "線上申辦系統", "資料倉儲系統" };
static const char *const findings[] = {
	"設備日誌僅保留3個月，未達至少6個月之要求",
	"管理者帳號兼作一般用途，且未定期盤點",
	"使用之開源元件存在已知高風險漏洞未更新",
	"測試階段未執行弱點掃描",
	"防火牆規則未定期檢視，存在過寬之允許規則",
};
static const char *const recs[] = {
	"訂定日誌留存政策並保留至少6個月紀錄",
	"建立帳號定期盤點機制並導入多因子驗證",
	"訂閱元件漏洞通告並每月評估更新",
	"上線前及每年定期執行弱點掃描",
	"每半年檢視防火牆規則並移除過寬規則",
};

static void name(char *buf, size_t size)
{
	snprintf(buf, size, "%s%s", surnames[pick(10)], given[pick(10)]);
}

/* The n-th valid tax id from a seed number on. */
static void taxid(unsigned n, char *buf)
{
	unsigned long v = 10000000UL + (unsigned long)n * 137UL;

	for (;; v++) {
		snprintf(buf, 9, "%08lu", v % 100000000UL);
		if (taxid_valid(buf))
			return;
	}
}

static FILE *create(const char *dir, const char *base, int year, const char *ext)
{
	char path[4096];
	FILE *fp;

	snprintf(path, sizeof(path), "%s/%s-%d.%s", dir, base, year, ext);
	fp = fopen(path, "w");
	if (!fp) {
		fprintf(stderr, "gen_year: cannot create %s: %s\n", path, strerror(errno));
		exit(1);
	}
	return fp;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "year", required_argument, NULL, 'y' },
		{ "vendors", required_argument, NULL, 'v' },
		{ "results", required_argument, NULL, 'r' },
		{ "seed", required_argument, NULL, 's' },
		{ "ratings", no_argument, NULL, 'a' },
		{ NULL, 0, NULL, 0 },
	};
	long year = 115, nvendors = 200, want = 100000, seed = 1;
	int ratings = 0, c;
	unsigned v, s;
	long written = 0;
	char (*ids)[9];
	FILE *fv, *fs, *fr;
	const char *dir;

	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'y': year = strtol(optarg, NULL, 10); break;
		case 'v': nvendors = strtol(optarg, NULL, 10); break;
		case 'r': want = strtol(optarg, NULL, 10); break;
		case 's': seed = strtol(optarg, NULL, 10); break;
		case 'a': ratings = 1; break;
		default:
			fprintf(stderr, "usage: gen_year [--year Y] [--vendors N] [--results N] [--seed S] [--ratings] DIR\n");
			return 2;
		}
	}
	if (optind + 1 != argc || year < 1 || year > 999 || nvendors < 1 || want < 1) {
		fprintf(stderr, "usage: gen_year [--year Y] [--vendors N] [--results N] [--seed S] [--ratings] DIR\n");
		return 2;
	}
	dir = argv[optind];
	rng_state = 0x9E3779B97F4A7C15ULL ^ (uint64_t)seed;
	rnd();

	ids = xcalloc((size_t)nvendors, sizeof(*ids));
	fv = create(dir, "vendors", (int)year, "csv");
	fputs("統一編號,廠商名稱,維運機關核心資通系統數量,服務機關數量,候選,受稽核\r\n", fv);
	for (v = 0; v < (unsigned)nvendors; v++) {
		taxid(v, ids[v]);
		fprintf(fv, "%s,合成資訊%04u股份有限公司,%u,%u,是,是\r\n", ids[v], v + 1, pick(20), 1 + pick(12));
	}
	fclose(fv);

	fs = create(dir, "sessions", (int)year, "ndjson");
	fr = create(dir, "results", (int)year, "csv");
	fputs("session,item,ref,rating,finding,recommendation\r\n", fr);
	for (s = 0; written < want; s++) {
		cJSON *doc = cJSON_CreateObject(), *arr, *res, *ar = NULL;
		char sid[32], date[16], lead[32], member[5][32], buf[128];
		unsigned ncontracts = 1 + pick(3), nmembers = 3 + pick(3), i, k;
		char *text;

		snprintf(sid, sizeof(sid), "%ld-G%06u", year, s + 1);
		snprintf(date, sizeof(date), "%ld/%02u/%02u", year, 5 + pick(6), 1 + pick(28));
		name(lead, sizeof(lead));
		cJSON_AddStringToObject(doc, "format", "jaudit-session/1");
		cJSON_AddNumberToObject(doc, "year", (double)year);
		cJSON_AddStringToObject(doc, "session", sid);
		cJSON_AddStringToObject(doc, "vendor", ids[s % (unsigned)nvendors]);
		cJSON_AddStringToObject(doc, "date", date);
		cJSON_AddStringToObject(doc, "lead", lead);
		arr = cJSON_AddArrayToObject(doc, "committee");
		for (i = 0; i < nmembers; i++) {
			snprintf(member[i], sizeof(member[i]), "委員%02u號", i + 1 + pick(5) * 5);
			for (k = 0; k < i; k++)
				if (strcmp(member[k], member[i]) == 0)
					break;
			if (k < i) {
				i--;
				continue;
			}
			cJSON_AddItemToArray(arr, cJSON_CreateString(member[i]));
		}
		arr = cJSON_AddArrayToObject(doc, "contracts");
		for (i = 0; i < ncontracts; i++) {
			cJSON *ct = cJSON_CreateObject();

			snprintf(buf, sizeof(buf), "K%u", i + 1);
			cJSON_AddStringToObject(ct, "ref", buf);
			cJSON_AddStringToObject(ct, "agency", agencies[pick(8)]);
			snprintf(buf, sizeof(buf), "%ld年度%s維運案", year, systems[pick(6)]);
			cJSON_AddStringToObject(ct, "contract", buf);
			cJSON_AddStringToObject(ct, "system", systems[pick(6)]);
			cJSON_AddItemToArray(arr, ct);
		}
		res = cJSON_AddArrayToObject(doc, "results");
		if (ratings)
			ar = cJSON_AddArrayToObject(doc, "auditor_ratings");
		for (i = 0; i < checklist_builtin_count; i++) {
			const struct checklist_item *it = &checklist_builtin[i];
			unsigned reps = it->category == CHECKLIST_COMMON ? 1 : ncontracts;

			for (k = 0; k < reps; k++) {
				cJSON *r = cJSON_CreateObject();
				unsigned x = pick(100);
				const char *rating = x < 15 ? "不符合" : x < 35 ? "部分符合" : x < 95 ? "符合" : "不適用";
				const char *code = x < 15 ? "noncompliant" : x < 35 ? "partial" : x < 95 ? "compliant" : "na";
				const char *row[6];
				char ref[8] = "";
				unsigned f = pick(5);

				cJSON_AddStringToObject(r, "item", it->code);
				if (reps > 1 || it->category == CHECKLIST_SPECIFIC) {
					snprintf(ref, sizeof(ref), "K%u", k + 1);
					cJSON_AddStringToObject(r, "contract", ref);
				}
				cJSON_AddStringToObject(r, "rating", rating);
				if (x < 35) {
					cJSON_AddStringToObject(r, "finding", findings[f]);
					cJSON_AddStringToObject(r, "recommendation", recs[f]);
				}
				cJSON_AddItemToArray(res, r);
				row[0] = sid;
				row[1] = it->code;
				row[2] = ref;
				row[3] = code;
				row[4] = x < 35 ? findings[f] : "";
				row[5] = x < 35 ? recs[f] : "";
				csv_write_record(fr, row, 6);
				written++;
				if (ar) {
					unsigned m;

					for (m = 0; m < nmembers; m++) {
						cJSON *a = cJSON_CreateObject();

						cJSON_AddStringToObject(a, "auditor", member[m]);
						cJSON_AddStringToObject(a, "item", it->code);
						if (*ref)
							cJSON_AddStringToObject(a, "contract", ref);
						cJSON_AddStringToObject(a, "rating", pick(10) ? rating : "部分符合");
						cJSON_AddItemToArray(ar, a);
					}
				}
			}
		}
		text = cJSON_PrintUnformatted(doc);
		fputs(text, fs);
		fputc('\n', fs);
		free(text);
		cJSON_Delete(doc);
	}
	if (fclose(fs) != 0 || fclose(fr) != 0) {
		fprintf(stderr, "gen_year: write error: %s\n", strerror(errno));
		return 1;
	}
	fprintf(stderr, "gen_year: year %ld: %ld vendors, %u sessions, %ld results (seed %ld)\n",
		year, nvendors, s, written, seed);
	free(ids);
	return 0;
}
