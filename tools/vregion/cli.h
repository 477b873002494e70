/* The `vregion` command line: one file per command, shared helpers here. */
#ifndef VREGION_TOOL_CLI_H
#define VREGION_TOOL_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "topology.h"

/* Exit codes scripts can rely on. */
enum {
	VR_EXIT_OK = 0,      /* the command did what was asked */
	VR_EXIT_FAIL = 1,    /* runtime failure (a message failed, out of memory, ...) */
	VR_EXIT_USAGE = 2,   /* bad usage or bad input (topology, audio file) */
};

struct cli_command {
	const char *name;
	const char *summary;
	int (*run)(int argc, char **argv);
};

/* Commands of this build (main.c), NULL-terminated. */
extern const struct cli_command cli_commands[];

/* The built-in default topology (topologies/playback.conf). */
extern const char vregion_default_topology[];
extern const size_t vregion_default_topology_len;
#define VR_DEFAULT_TOPOLOGY_NAME "<built-in playback.conf>"

/* Print "vregion CMD: message" to stderr; returns `code`. */
int cli_error(const char *cmd, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Load `path`, or the built-in topology when path is NULL. Prints the
 * parser's message and returns VR_EXIT_USAGE on error, else VR_EXIT_OK. */
int cli_load_topology(const char *cmd, const char *path, struct topology *t);

/* True when `s` is "-h" or "--help". */
bool cli_is_help(const char *s);

/* Parse a positive decimal integer option value; false on junk. */
bool cli_parse_uint(const char *s, unsigned long max, unsigned long *out);

/*
 * Parse the --seconds option shared by run and size: a number in (0, 3600].
 * Returns 0, or the usage exit code after naming @cmd and the bad value.
 */
int cli_parse_seconds(const char *cmd, const char *s, double *out);

/* Command entry points. */
int cmd_check(int argc, char **argv);
int cmd_replay(int argc, char **argv);
int cmd_run(int argc, char **argv);
int cmd_size(int argc, char **argv);
int cmd_convert(int argc, char **argv);

#endif
