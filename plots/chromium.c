/*
 * chromium.c - headless Chromium prints a page to PDF (chromium.h).
 */
#include "chromium.h"
#include "../core/err.h"
#include "../core/strbuf.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define CHROMIUM_SECONDS 120

static int executable(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode) && access(path, X_OK) == 0;
}

int chromium_find(char *buf, size_t size)
{
	static const char *const names[] = { "chromium", "chromium-browser", "google-chrome" };
	const char *env = getenv("JAUDIT_CHROMIUM"), *path = getenv("PATH"), *p;
	size_t i, n;

	if (env && *env) {
		if (!executable(env))
			return -1;
		snprintf(buf, size, "%s", env);
		return 0;
	}
	if (!path)
		path = "/usr/bin:/bin";
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		for (p = path; *p; p += n + (p[n] == ':')) {
			n = strcspn(p, ":");
			if (n == 0)
				continue;
			snprintf(buf, size, "%.*s/%s", (int)n, p, names[i]);
			if (executable(buf))
				return 0;
			if (!p[n])
				break;
		}
	return -1;
}

static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	remove(path);
	return 0;
}

/* the absolute path of a file that may not exist yet (its directory must) */
static int absolute(const char *path, char *buf, size_t size)
{
	char dir[PATH_MAX], real[PATH_MAX];
	const char *slash = strrchr(path, '/');

	if (path[0] == '/') {
		snprintf(buf, size, "%s", path);
		return 0;
	}
	if (slash)
		snprintf(dir, sizeof(dir), "%.*s", (int)(slash - path), path);
	else
		snprintf(dir, sizeof(dir), ".");
	if (!realpath(dir, real))
		return -1;
	return snprintf(buf, size, "%s/%s", real, slash ? slash + 1 : path) < (int)size ? 0 : -1;
}

/* In the child: Chromium printing url to the PDF (out_opt), its stderr into errpath.  Never returns. */
static _Noreturn void run_child(char *prog, char *profile, char *out_opt, char *url, const char *errpath)
{
	char *argv[16];
	int k = 0, fd = open("/dev/null", O_RDWR), efd = open(errpath, O_WRONLY | O_CREAT | O_TRUNC, 0600);

	if (fd >= 0) {
		dup2(fd, STDIN_FILENO);
		dup2(fd, STDOUT_FILENO);
	}
	if (efd >= 0)
		dup2(efd, STDERR_FILENO);
	setpgid(0, 0);
	argv[k++] = prog;
	argv[k++] = (char *)"--headless";
	if (geteuid() == 0)
		argv[k++] = (char *)"--no-sandbox";	/* Chromium refuses to run as root otherwise */
	argv[k++] = (char *)"--disable-gpu";
	argv[k++] = (char *)"--no-first-run";
	argv[k++] = (char *)"--disable-background-networking";
	argv[k++] = (char *)"--disable-component-update";
	argv[k++] = (char *)"--disable-sync";
	argv[k++] = profile;
	argv[k++] = (char *)"--no-pdf-header-footer";
	argv[k++] = out_opt;
	argv[k++] = url;
	argv[k] = NULL;
	execv(prog, argv);
	_exit(127);
}

/* Wait for the child, killed after CHROMIUM_SECONDS: 0 when it exited 0, else JAUDIT_EDATA said. */
static int wait_child(pid_t pid, const char *prog, const char *html)
{
	struct timespec tick = { 0, 100 * 1000 * 1000 };
	int status = 0, waited = 0;

	for (;;) {
		pid_t w = waitpid(pid, &status, WNOHANG);

		if (w == pid)
			break;
		if (w < 0 && errno != EINTR)
			return jerror("--pdf: waitpid: %s", strerror(errno));
		if (++waited > CHROMIUM_SECONDS * 10) {
			kill(-pid, SIGKILL);
			kill(pid, SIGKILL);
			waitpid(pid, &status, 0);
			return jerror("--pdf: %s did not finish printing '%s' within %d seconds", prog, html,
				      CHROMIUM_SECONDS);
		}
		nanosleep(&tick, NULL);
	}
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		return jerror("--pdf: %s failed on '%s' (%s %d); its messages are not kept", prog, html,
			      WIFEXITED(status) ? "exit status" : "signal",
			      WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status));
	return 0;
}

int chromium_print_pdf(const char *html, const char *pdf)
{
	char prog[PATH_MAX], tmpl[PATH_MAX], src[PATH_MAX], dst[PATH_MAX];
	char url[PATH_MAX + 16], out_opt[PATH_MAX + 32], profile[PATH_MAX + 32], errpath[PATH_MAX + 16];
	const char *tmp = getenv("TMPDIR");
	struct stat st;
	pid_t pid;
	int rc = JAUDIT_EDATA;

	if (chromium_find(prog, sizeof(prog)) < 0)
		return jerror("--pdf: Chromium is not installed (no chromium in PATH, nor $JAUDIT_CHROMIUM); "
			      "install the Debian package %s: sudo apt-get install %s", CHROMIUM_PACKAGE, CHROMIUM_PACKAGE);
	if (absolute(html, src, sizeof(src)) < 0 || absolute(pdf, dst, sizeof(dst)) < 0)
		return jerror("--pdf: cannot resolve '%s': %s", html, strerror(errno));
	snprintf(tmpl, sizeof(tmpl), "%s/jaudit-chromium.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(tmpl))
		return jerror("--pdf: cannot make a temporary directory in '%s': %s", tmp && *tmp ? tmp : "/tmp",
			      strerror(errno));
	snprintf(url, sizeof(url), "file://%s", src);
	snprintf(out_opt, sizeof(out_opt), "--print-to-pdf=%s", dst);
	snprintf(profile, sizeof(profile), "--user-data-dir=%s", tmpl);
	snprintf(errpath, sizeof(errpath), "%s/stderr", tmpl);
	unlink(dst);
	fflush(NULL);
	pid = fork();
	if (pid < 0) {
		jerror("--pdf: cannot run %s: fork: %s", prog, strerror(errno));
		goto out;
	}
	if (pid == 0)
		run_child(prog, profile, out_opt, url, errpath);
	if (wait_child(pid, prog, html) < 0)
		goto out;
	if (stat(dst, &st) < 0 || st.st_size == 0) {
		jerror("--pdf: %s wrote no PDF '%s'", prog, pdf);
		goto out;
	}
	chmod(dst, 0600);
	rc = 0;
out:
	nftw(tmpl, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	return rc;
}
