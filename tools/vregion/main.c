/*
 * vregion: run topologies through the firmware's IPC4 path, report region
 * memory, and size heap_bytes_requirement. Usage: docs/vregion-command.md.
 */
#include "cli.h"

#include <string.h>

const struct cli_command cli_commands[] = {
	{ "check", "parse and validate a topology, print what it builds", cmd_check },
#ifdef VREGION_TB_HAVE_RUN
	{ "run", "build a topology with IPC4 messages, play audio through it, report memory", cmd_run },
	{ "size", "measure and recommend heap_bytes_requirement, prove it, bisect the minimum", cmd_size },
	{ "convert", "sample-rate conversion of a file through an IPC4-built SRC pipeline", cmd_convert },
#endif
#ifdef VREGION_TB_HAVE_FIRMWARE
	{ "replay", "replay a recorded IPC4 log against a fresh firmware instance", cmd_replay },
#endif
	{ NULL, NULL, NULL },
};

static void usage(FILE *f)
{
	fprintf(f, "usage: vregion COMMAND [OPTIONS]\n\ncommands:\n");
	for (const struct cli_command *c = cli_commands; c->name; c++)
		fprintf(f, "  %-9s %s\n", c->name, c->summary);
	fprintf(f, "\n`vregion COMMAND --help` describes a command.\n"
		   "Exit codes: 0 ok, 1 runtime failure, 2 usage or input error.\n");
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return VR_EXIT_USAGE;
	}
	if (cli_is_help(argv[1])) {
		usage(stdout);
		return VR_EXIT_OK;
	}
	for (const struct cli_command *c = cli_commands; c->name; c++)
		if (!strcmp(argv[1], c->name))
			return c->run(argc - 1, argv + 1);
	fprintf(stderr, "vregion: unknown command '%s'\n", argv[1]);
	usage(stderr);
	return VR_EXIT_USAGE;
}
