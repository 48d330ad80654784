/*
 * jaudit backup: a consistent copy of the database while others write.
 *
 * SQLite's online backup API copies the database a few pages at a time, so
 * that writers in other processes wait at most for one step; when one of
 * them commits meanwhile, SQLite starts the copy again.  The copy is written
 * to a private temporary file beside FILE (mode 0600 whatever the umask),
 * checked with PRAGMA integrity_check, flushed to disk and only then renamed
 * to FILE: a failed or interrupted backup leaves nothing behind.
 */
#include "../core/cli.h"
#include "../core/db.h"
#include "../core/strbuf.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char usage[] =
	"usage: jaudit backup [--force] <file>\n"
	"\n"
	"Copy the database to <file> while other jaudit commands go on using it.\n"
	"The copy is consistent (it is the database as one moment saw it), is\n"
	"readable by its owner only (mode 0600, whatever the umask), and is checked\n"
	"with SQLite's integrity check before it takes the name <file>.  It is one\n"
	"self-contained file: restore it by copying it back (with no jaudit running)\n"
	"or use it directly with --db.\n"
	"\n"
	"An existing <file> is never overwritten unless --force is given; the\n"
	"database itself can never be the target.\n"
	"\n"
	"Options:\n"
	"  --force         replace <file> if it exists\n";

/* Pages copied per step: small enough that a writer waits only briefly. */
#define BACKUP_STEP_PAGES 64
/* Copies started over before the rest is copied in one step. */
#define BACKUP_RESTARTS 4
/* Pause before retrying a step that found the database locked (ms). */
#define BACKUP_BUSY_SLEEP_MS 20

/* 1 if a and b are the same file (both exist). */
static int same_file(const char *a, const char *b)
{
	struct stat sa, sb;

	if (stat(a, &sa) < 0 || stat(b, &sb) < 0)
		return 0;
	return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

/* The directory part of path, for fsync after the rename; caller frees. */
static char *dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (!slash)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

static int fsync_path(const char *path, int dir)
{
	int fd = open(path, (dir ? O_RDONLY | O_DIRECTORY : O_RDWR) | O_CLOEXEC);
	int rc;

	if (fd < 0)
		return -1;
	rc = fsync(fd);
	close(fd);
	return rc;
}

/*
 * Step the backup to its end, waiting up to timeout ms while another jaudit
 * holds a lock.  SQLITE_DONE, or the code it stopped on.
 */
static int backup_steps(sqlite3_backup *b, long long timeout)
{
	int rc, waited = 0, steps = 0;

	for (;;) {
		/*
		 * Writers that commit between steps make SQLite start over; when
		 * they keep doing so, copy the rest in one step (in WAL mode the
		 * writers still go on meanwhile).
		 */
		int total = sqlite3_backup_pagecount(b);
		int n = ++steps > BACKUP_RESTARTS * (total / BACKUP_STEP_PAGES + 1) + 16
			? -1 : BACKUP_STEP_PAGES;

		rc = sqlite3_backup_step(b, n);
		if (rc == SQLITE_DONE)
			return rc;
		if (rc == SQLITE_OK)
			continue;
		if ((rc == SQLITE_BUSY || rc == SQLITE_LOCKED) && waited < timeout) {
			sqlite3_sleep(BACKUP_BUSY_SLEEP_MS);
			waited += BACKUP_BUSY_SLEEP_MS;
			continue;
		}
		return rc;
	}
}

/*
 * Make the copy one self-contained file (it inherits the source's WAL mode:
 * no -wal beside it), then check its integrity.  0 or JAUDIT_EDATA.
 */
static int seal_copy(sqlite3 *dst)
{
	sqlite3_stmt *st;
	int rc, bad = 0;

	if (db_exec(dst, "PRAGMA journal_mode = DELETE") < 0)
		return JAUDIT_EDATA;
	if (db_prepare(dst, &st, "PRAGMA integrity_check") < 0)
		return JAUDIT_EDATA;
	while ((rc = db_step(st)) == SQLITE_ROW) {
		if (strcmp(db_text(st, 0), "ok") != 0) {
			jerror("backup: the copy fails the integrity check: %s", db_text(st, 0));
			bad = 1;
		}
	}
	db_finalize(st);
	return rc != SQLITE_DONE || bad ? JAUDIT_EDATA : 0;
}

/*
 * Copy src into the empty database file at tmp with the online backup API,
 * make the copy one self-contained file and check its integrity.  *pages
 * receives the number of pages copied.  0 or JAUDIT_EDATA with a message.
 */
static int copy_pages(sqlite3 *src, const char *tmp, int *pages)
{
	sqlite3 *dst = NULL;
	sqlite3_backup *b;
	int rc;
	long long timeout;

	/* the busy timeout db_open_raw set ($JAUDIT_BUSY_TIMEOUT) */
	if (db_int(src, "PRAGMA busy_timeout", &timeout) < 0)
		return JAUDIT_EDATA;
	rc = sqlite3_open_v2(tmp, &dst, SQLITE_OPEN_READWRITE, NULL);
	if (rc != SQLITE_OK) {
		jerror("backup: cannot open the copy '%s': %s", tmp,
		       dst ? sqlite3_errmsg(dst) : sqlite3_errstr(rc));
		sqlite3_close(dst);
		return JAUDIT_EDATA;
	}
	b = sqlite3_backup_init(dst, "main", src, "main");
	if (!b) {
		jerror("backup: cannot start the copy: %s", sqlite3_errmsg(dst));
		sqlite3_close(dst);
		return JAUDIT_EDATA;
	}
	rc = backup_steps(b, timeout);
	*pages = sqlite3_backup_pagecount(b);
	if (sqlite3_backup_finish(b) != SQLITE_OK && rc == SQLITE_DONE)
		rc = sqlite3_errcode(dst);
	if (rc != SQLITE_DONE) {
		if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
			jerror("backup: the database stayed locked by another jaudit for longer than the busy timeout (%lld ms); try again",
			       timeout);
		else
			jerror("backup: copying failed: %s (code %d)", sqlite3_errstr(rc), rc);
		sqlite3_close(dst);
		return JAUDIT_EDATA;
	}
	if (seal_copy(dst) < 0) {
		sqlite3_close(dst);
		return JAUDIT_EDATA;
	}
	if (sqlite3_close(dst) != SQLITE_OK)
		return jerror("backup: cannot close the copy '%s'", tmp);
	return 0;
}

/* The copy's name is taken: the one message for it.  JAUDIT_EDATA. */
static int already_exists(const char *target)
{
	return jerror("backup: '%s' already exists; name another file or give --force to replace it",
		      target);
}

/*
 * Give tmp the name target: atomically replacing it with force, else only
 * if target does not exist (link fails with EEXIST).  0 or JAUDIT_EDATA.
 */
static int install_copy(const char *tmp, const char *target, int force)
{
	if (!force) {
		if (link(tmp, target) == 0) {
			unlink(tmp);
			return 0;
		}
		if (errno == EEXIST)
			return already_exists(target);
		if (errno != EPERM && errno != ENOTSUP && errno != EOPNOTSUPP)
			return jerror("backup: cannot create '%s': %s", target, strerror(errno));
		/* a file system without hard links: check, then rename */
		if (access(target, F_OK) == 0)
			return already_exists(target);
	}
	if (rename(tmp, target) < 0)
		return jerror("backup: cannot create '%s': %s", target, strerror(errno));
	return 0;
}

/*
 * The command line: the copy's name in *target, --force in *force.  0, or
 * what jusage returned.
 */
static int parse_args(int argc, char **argv, const char **target, int *force)
{
	static const struct option opts[] = {
		{ "force", no_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	*force = 0;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'f':
			*force = 1;
			break;
		default:
			return cli_bad_option("backup", argc, argv);
		}
	}
	if (optind >= argc)
		return jusage("backup", "backup needs the name of the copy to make");
	if (optind + 1 < argc)
		return jusage("backup", "unexpected argument '%s'", argv[optind + 1]);
	*target = argv[optind];
	if (!**target)
		return jusage("backup", "the name of the copy is empty");
	return 0;
}

/* The copy may be made at target: not the database, not a folder, new or --force. */
static int check_target(const char *path, const char *target, int force)
{
	struct stat st;

	if (same_file(path, target))
		return jerror("backup: '%s' is the database itself; name another file", target);
	if (stat(target, &st) == 0) {
		if (!force)
			return already_exists(target);
		if (!S_ISREG(st.st_mode))
			return jerror("backup: '%s' is not a regular file; name another file", target);
	}
	return 0;
}

/* An empty private (0600) file beside target, its name in tmp.  0 or JAUDIT_EDATA. */
static int make_tmp(const char *target, struct strbuf *tmp)
{
	int fd;

	strbuf_addf(tmp, "%s.tmp-XXXXXX", target);
	fd = mkstemp(tmp->buf);
	if (fd < 0)
		return jerror("backup: cannot create '%s': %s", target, strerror(errno));
	if (fchmod(fd, 0600) < 0) {
		jerror("backup: cannot make '%s' private: %s", tmp->buf, strerror(errno));
		close(fd);
		unlink(tmp->buf);
		return JAUDIT_EDATA;
	}
	close(fd);
	return 0;
}

/* Remove a copy that failed, with the journal SQLite may have left beside it. */
static void remove_tmp(const char *tmp)
{
	struct strbuf side = STRBUF_INIT;

	unlink(tmp);
	strbuf_addf(&side, "%s-journal", tmp);
	unlink(side.buf);
	strbuf_release(&side);
}

static int run(struct jaudit_ctx *ctx, int argc, char **argv)
{
	const char *path = db_path(ctx->db_opt), *target = NULL;
	struct strbuf tmp = STRBUF_INIT;
	char *dir = NULL;
	int force, pages = 0, ret;
	long long version = 0;
	struct stat st;

	ret = parse_args(argc, argv, &target, &force);
	if (ret != 0)
		return ret;
	if (check_target(path, target, force) < 0)
		return JAUDIT_EDATA;
	/* the source as it is: a backup never migrates it */
	if (db_open_raw(&ctx->db, path, DB_EXISTING) < 0)
		return JAUDIT_EDATA;
	if (db_int(ctx->db, "PRAGMA user_version", &version) < 0)
		return JAUDIT_EDATA;
	ret = JAUDIT_EDATA;
	if (make_tmp(target, &tmp) < 0)
		goto out;
	if (copy_pages(ctx->db, tmp.buf, &pages) < 0)
		goto fail;
	if (fsync_path(tmp.buf, 0) < 0) {
		jerror("backup: cannot flush '%s' to disk: %s", tmp.buf, strerror(errno));
		goto fail;
	}
	if (install_copy(tmp.buf, target, force) < 0)
		goto fail;
	dir = dir_of(target);
	fsync_path(dir, 1);	/* best effort: the rename reaches the disk */
	if (stat(target, &st) < 0) {
		jerror("backup: '%s' vanished after it was made: %s", target, strerror(errno));
		goto out;
	}
	printf("backed up %s to %s: %d pages, %lld bytes, schema version %lld, integrity ok, mode 0600\n",
	       path, target, pages, (long long)st.st_size, version);
	ret = 0;
	goto out;
fail:
	remove_tmp(tmp.buf);
out:
	free(dir);
	strbuf_release(&tmp);
	return ret;
}

const struct cmd_entry cmd_backup_entry = {
	"backup", "a consistent copy of the database while others write", usage, run,
};
