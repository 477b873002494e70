/*
 * `vregion run [TOPOLOGY] [-i IN] [-o OUT] [--json] [--svg MAP.svg]
 * [--ipc-log FILE]`: build TOPOLOGY (the built-in playback topology without
 * one) through IPC4 messages, play IN (a generated test signal without one)
 * through it into OUT (out.wav), tear it down and print the memory report.
 */
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"
#include "report.h"

static void help(FILE *f)
{
	fprintf(f,
		"usage: vregion run [TOPOLOGY] [-i IN] [-o OUT] [--json] [--svg MAP.svg]\n"
		"                   [--ipc-log FILE] [--seconds S]\n"
		"Build TOPOLOGY (default: the built-in playback topology) with IPC4 messages,\n"
		"play IN through it into OUT, tear it down, and print the memory report.\n"
		"  -i, --input IN       WAV or FLAC input (default: a generated test signal)\n"
		"  -o, --output OUT     output file (default: out.wav; .flac for FLAC); a\n"
		"                       topology with several outputs writes OUT-ENDPOINT.ext\n"
		"                       for the second and later ones\n"
		"  -j, --json           print the report as JSON (schema vregion-report-1)\n"
		"  -s, --svg FILE       draw the regions as bars into FILE\n"
		"  -l, --ipc-log FILE   record every IPC4 request and reply (for `replay`)\n"
		"  -t, --seconds S      length of the generated signal (default 2)\n"
		"  -h, --help           this help\n"
		"Exit: 0 ok, 1 the firmware refused a message or a region ran out,\n"
		"2 usage or input error.\n");
}

struct run_args {
	const char *topology, *input, *output, *svg, *ipc_log;
	bool json;
	double seconds;
};

static int parse(int argc, char **argv, struct run_args *a)
{
	static const struct option opts[] = {
		{ "input", required_argument, NULL, 'i' },
		{ "output", required_argument, NULL, 'o' },
		{ "json", no_argument, NULL, 'j' },
		{ "svg", required_argument, NULL, 's' },
		{ "ipc-log", required_argument, NULL, 'l' },
		{ "seconds", required_argument, NULL, 't' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c, code;

	memset(a, 0, sizeof(*a));
	a->output = "out.wav";
	a->seconds = 2.0;
	optind = 1;
	while ((c = getopt_long(argc, argv, "i:o:js:l:t:h", opts, NULL)) != -1) {
		switch (c) {
		case 'i': a->input = optarg; break;
		case 'o': a->output = optarg; break;
		case 'j': a->json = true; break;
		case 's': a->svg = optarg; break;
		case 'l': a->ipc_log = optarg; break;
		case 't':
			if ((code = cli_parse_seconds("run", optarg, &a->seconds)))
				return code;
			break;
		case 'h': help(stdout); return -1;
		default: help(stderr); return VR_EXIT_USAGE;
		}
	}
	if (argc - optind > 1)
		return cli_error("run", VR_EXIT_USAGE, "too many arguments (one TOPOLOGY)");
	a->topology = optind < argc ? argv[optind] : NULL;
	return 0;
}

static int write_svg(const struct rep_run *rep, const char *path)
{
	FILE *f = fopen(path, "w");
	int r;

	if (!f)
		return cli_error("run", VR_EXIT_FAIL, "%s: %s", path, strerror(errno));
	r = rep_write_svg(rep, f);
	if (fclose(f) || r)
		return cli_error("run", VR_EXIT_FAIL, "%s: write failed", path);
	return VR_EXIT_OK;
}

int cmd_run(int argc, char **argv)
{
	struct run_args a;
	struct topology *t = malloc(sizeof(*t));
	struct rep_run *rep = malloc(sizeof(*rep));
	struct tb_run_opts o = { 0 };
	char err[768];
	int code = parse(argc, argv, &a), e;

	if (code || !t || !rep) {
		free(t);
		free(rep);
		return code < 0 ? VR_EXIT_OK : code ? code : VR_EXIT_FAIL;
	}
	code = cli_load_topology("run", a.topology, t);
	if (code)
		goto out;
	if (a.ipc_log && !(o.ipc_log = fopen(a.ipc_log, "wb"))) {
		code = cli_error("run", VR_EXIT_USAGE, "%s: %s", a.ipc_log, strerror(errno));
		goto out;
	}
	o.streams.input = a.input;
	o.streams.output = a.output;
	o.streams.gen_seconds = a.seconds;
	o.progress = true;
	e = tb_run(t, &o, rep, err, sizeof(err));
	if (o.ipc_log && fclose(o.ipc_log) && !e)
		e = -EIO;
	if (e) {
		code = cli_error("run", e == -EIO || e == -ENOMEM ? VR_EXIT_FAIL : VR_EXIT_USAGE, "%s", err);
		goto out;
	}
	if (a.json)
		rep_write_json(rep, stdout);
	else
		rep_print_table(rep, stdout);
	if (a.svg && (code = write_svg(rep, a.svg)) != 0)
		goto out;
	code = rep->ok ? VR_EXIT_OK : VR_EXIT_FAIL;
	if (!rep->ok && !a.json)
		cli_error("run", code, "%s", rep->error);
out:
	free(t);
	free(rep);
	return code;
}
