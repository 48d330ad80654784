/*
 * gnuplot.c - the gnuplot runner (see gnuplot.h).
 */
#include "gnuplot.h"
#include "../core/err.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

int gp_open(struct gp_run *r)
{
	const char *tmp = getenv("TMPDIR");

	memset(r, 0, sizeof(*r));
	strbuf_init(&r->err);
	if (!tmp || !*tmp)
		tmp = "/tmp";
	if ((size_t)snprintf(r->dir, sizeof(r->dir), "%s/jaudit-plot.XXXXXX", tmp) >= sizeof(r->dir)) {
		r->dir[0] = '\0';
		return jerror("temporary directory name too long under '%s'", tmp);
	}
	if (!mkdtemp(r->dir)) {
		int e = errno;

		r->dir[0] = '\0';
		return jerror("cannot make a temporary directory under '%s': %s", tmp, strerror(e));
	}
	return 0;
}

static int add_file(struct gp_run *r, const char *name, int output)
{
	size_t i;

	if (strchr(name, '/') || !*name)
		return jerror("internal: '%s' is not a plain file name", name);
	for (i = 0; i < r->nfiles; i++)
		if (strcmp(r->files[i], name) == 0) {
			r->is_output[i] |= output;
			return 0;
		}
	if (r->nfiles == GP_MAX_FILES)
		return jerror("internal: more than %d files for one chart", GP_MAX_FILES);
	r->files[r->nfiles] = xstrdup(name);
	r->is_output[r->nfiles] = output;
	r->nfiles++;
	return 0;
}

static void path_in(const struct gp_run *r, const char *name, struct strbuf *sb)
{
	strbuf_reset(sb);
	strbuf_addf(sb, "%s/%s", r->dir, name);
}

FILE *gp_create(struct gp_run *r, const char *name)
{
	struct strbuf p = STRBUF_INIT;
	FILE *fp;
	int fd;

	if (add_file(r, name, 0) < 0)
		return NULL;
	path_in(r, name, &p);
	fd = open(p.buf, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	fp = fd < 0 ? NULL : fdopen(fd, "w");
	if (!fp) {
		jerror("cannot create '%s': %s", p.buf, strerror(errno));
		if (fd >= 0)
			close(fd);
	}
	strbuf_release(&p);
	return fp;
}

int gp_close_file(struct gp_run *r, FILE *fp, const char *name)
{
	int bad = ferror(fp);

	if (fclose(fp) != 0 || bad)
		return jerror("cannot write '%s/%s': %s", r->dir, name, strerror(errno));
	return 0;
}

int gp_write_script(struct gp_run *r, const char *name, const char *text)
{
	FILE *fp = gp_create(r, name);

	if (!fp)
		return JAUDIT_EDATA;
	fputs(text, fp);
	return gp_close_file(r, fp, name);
}

void gp_expect_output(struct gp_run *r, const char *name)
{
	add_file(r, name, 1);
}

void gp_put_string(FILE *fp, const char *s)
{
	fputc('"', fp);
	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"')
			fputc(GP_QUOTE_MARK, fp);
		else if (c < 0x20 || c == 0x7f)
			fputc(' ', fp);
		else
			fputc(c, fp);
	}
	fputc('"', fp);
}

void gp_put_number(FILE *fp, double v)
{
	if (isnan(v) || isinf(v))
		fputs("NaN", fp);
	else
		fprintf(fp, "%.10g", v);
}

/* Read fd to its end into sb. */
static void read_all(int fd, struct strbuf *sb)
{
	char buf[4096];
	ssize_t n;

	for (;;) {
		n = read(fd, buf, sizeof(buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		strbuf_add(sb, buf, (size_t)n);
	}
}

/* The child: stdout to /dev/null, stderr to errfd, cwd the directory. */
static void child(const struct gp_run *r, const char *name, int errfd, int execfd)
{
	char *argv[3];
	int e, devnull = open("/dev/null", O_RDWR);

	if (devnull >= 0) {
		dup2(devnull, STDIN_FILENO);
		dup2(devnull, STDOUT_FILENO);
	}
	dup2(errfd, STDERR_FILENO);
	if (chdir(r->dir) == 0) {
		argv[0] = (char *)GP_PROGRAM;
		argv[1] = (char *)name;
		argv[2] = NULL;
		execvp(GP_PROGRAM, argv);
	}
	e = errno;
	if (write(execfd, &e, sizeof(e)) < 0)
		_exit(127);
	_exit(127);
}

/* gnuplot's stderr, each line as "gnuplot: LINE" (for messages). */
static void say_lines(const char *text, int warn)
{
	const char *p = text;

	while (*p) {
		size_t n = strcspn(p, "\n");

		if (n > 0 && strspn(p, " \t^") < n) {
			if (warn)
				jwarn("gnuplot: %.*s", (int)n, p);
			else
				fprintf(stderr, "  gnuplot: %.*s\n", (int)n, p);
		}
		p += n;
		if (*p)
			p++;
	}
}

int gp_exec(struct gp_run *r, const char *name)
{
	struct strbuf path = STRBUF_INIT;
	int errpipe[2], execpipe[2], status, exec_errno = 0;
	struct stat st;
	pid_t pid;
	size_t i;
	ssize_t n;
	int ret = JAUDIT_EDATA;

	strbuf_reset(&r->err);
	if (pipe2(errpipe, O_CLOEXEC) < 0)
		return jerror("cannot run gnuplot: pipe: %s", strerror(errno));
	if (pipe2(execpipe, O_CLOEXEC) < 0) {
		close(errpipe[0]);
		close(errpipe[1]);
		return jerror("cannot run gnuplot: pipe: %s", strerror(errno));
	}
	fflush(NULL);
	pid = fork();
	if (pid < 0) {
		close(errpipe[0]);
		close(errpipe[1]);
		close(execpipe[0]);
		close(execpipe[1]);
		return jerror("cannot run gnuplot: fork: %s", strerror(errno));
	}
	if (pid == 0)
		child(r, name, errpipe[1], execpipe[1]);
	close(errpipe[1]);
	close(execpipe[1]);
	read_all(errpipe[0], &r->err);
	close(errpipe[0]);
	do
		n = read(execpipe[0], &exec_errno, sizeof(exec_errno));
	while (n < 0 && errno == EINTR);
	close(execpipe[0]);
	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR)
			return jerror("cannot run gnuplot: waitpid: %s", strerror(errno));
	}
	if (n == (ssize_t)sizeof(exec_errno)) {
		if (exec_errno == ENOENT)
			return jerror("gnuplot is not installed (no '%s' in PATH); install the Debian package %s:"
				      " sudo apt-get install %s", GP_PROGRAM, GP_PACKAGE, GP_PACKAGE);
		return jerror("cannot run %s: %s", GP_PROGRAM, strerror(exec_errno));
	}
	if (WIFSIGNALED(status)) {
		jerror("gnuplot was killed by signal %d while drawing %s", WTERMSIG(status), name);
		say_lines(r->err.buf, 0);
		return JAUDIT_EDATA;
	}
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		jerror("gnuplot failed on %s (exit status %d)%s", name,
		       WIFEXITED(status) ? WEXITSTATUS(status) : -1, r->err.len ? ":" : "");
		say_lines(r->err.buf, 0);
		return JAUDIT_EDATA;
	}
	for (i = 0; i < r->nfiles; i++) {
		if (!r->is_output[i])
			continue;
		path_in(r, r->files[i], &path);
		if (stat(path.buf, &st) < 0 || st.st_size == 0) {
			jerror("gnuplot wrote no %s from %s%s", r->files[i], name, r->err.len ? ":" : "");
			say_lines(r->err.buf, 0);
			goto out;
		}
	}
	say_lines(r->err.buf, 1);
	ret = 0;
out:
	strbuf_release(&path);
	return ret;
}

static int copy_file(const char *from, const char *to)
{
	char buf[65536];
	FILE *in, *out;
	size_t n;
	int bad;

	in = fopen(from, "rb");
	if (!in)
		return jerror("cannot read '%s': %s", from, strerror(errno));
	out = fopen(to, "wb");
	if (!out) {
		fclose(in);
		return jerror("cannot write '%s': %s", to, strerror(errno));
	}
	while ((n = fread(buf, 1, sizeof(buf), in)) > 0)
		fwrite(buf, 1, n, out);
	bad = ferror(in) || ferror(out);
	fclose(in);
	if (fclose(out) != 0 || bad)
		return jerror("cannot write '%s': %s", to, strerror(errno));
	return 0;
}

int gp_collect(struct gp_run *r, const char *outdir, int keep)
{
	struct strbuf from = STRBUF_INIT, to = STRBUF_INIT;
	size_t i;
	int ret = 0;

	for (i = 0; i < r->nfiles && ret == 0; i++) {
		if (!r->is_output[i] && !keep)
			continue;
		path_in(r, r->files[i], &from);
		strbuf_reset(&to);
		strbuf_addf(&to, "%s/%s", outdir, r->files[i]);
		ret = copy_file(from.buf, to.buf);
	}
	strbuf_release(&from);
	strbuf_release(&to);
	return ret;
}

void gp_release(struct gp_run *r)
{
	struct strbuf p = STRBUF_INIT;
	size_t i;

	if (r->dir[0]) {
		/* everything in it: gnuplot may have begun an image it did not finish */
		DIR *d = opendir(r->dir);
		struct dirent *e;

		while (d && (e = readdir(d))) {
			if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
				continue;
			path_in(r, e->d_name, &p);
			unlink(p.buf);
		}
		if (d)
			closedir(d);
		if (rmdir(r->dir) < 0)
			jwarn("cannot remove the temporary directory '%s': %s", r->dir, strerror(errno));
		r->dir[0] = '\0';
	}
	for (i = 0; i < r->nfiles; i++)
		free(r->files[i]);
	r->nfiles = 0;
	strbuf_release(&r->err);
	strbuf_release(&p);
}
