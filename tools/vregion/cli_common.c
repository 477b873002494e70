/* Helpers shared by the commands of the `vregion` tool. */
#include "cli.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

int cli_error(const char *cmd, int code, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "vregion %s: ", cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return code;
}

int cli_load_topology(const char *cmd, const char *path, struct topology *t)
{
	char err[768];
	int r;

	if (path)
		r = topo_load_file(path, t, err, sizeof(err));
	else
		r = topo_load_string(VR_DEFAULT_TOPOLOGY_NAME, vregion_default_topology,
				     vregion_default_topology_len, t, err, sizeof(err));
	if (r)
		return cli_error(cmd, VR_EXIT_USAGE, "%s", err);
	return VR_EXIT_OK;
}

bool cli_is_help(const char *s)
{
	return !strcmp(s, "-h") || !strcmp(s, "--help");
}

bool cli_parse_uint(const char *s, unsigned long max, unsigned long *out)
{
	char *end;
	unsigned long v;

	if (!s || !*s || *s == '-')
		return false;
	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno || *end || v > max)
		return false;
	*out = v;
	return true;
}

int cli_parse_seconds(const char *cmd, const char *s, double *out)
{
	char *end;
	double v = strtod(s, &end);

	if (*end || !(v > 0 && v <= 3600))
		return cli_error(cmd, VR_EXIT_USAGE, "--seconds: '%s' is not 0..3600", s);
	*out = v;
	return 0;
}
