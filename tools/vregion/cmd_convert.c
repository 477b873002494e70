/*
 * `vregion convert -r RATE [-b BITS] IN OUT`: sample-rate conversion of one
 * file through a host copier -> SRC -> DAI copier pipeline built with IPC4
 * messages, like `sox IN -r RATE OUT`. Channels and sample format are kept
 * unless -b says otherwise.
 */
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "audio_io.h"
#include "convert_topology.h"
#include "engine.h"

static void help(FILE *f)
{
	fprintf(f,
		"usage: vregion convert -r RATE [-b BITS] IN OUT\n"
		"Convert IN to RATE Hz through a host copier -> SRC -> DAI copier pipeline\n"
		"built with IPC4 messages, and write OUT (WAV, or FLAC for .flac).\n"
		"  -r, --rate RATE   output rate: 8000 11025 12000 16000 22050 24000 32000\n"
		"                    44100 48000 64000 88200 96000 176400 192000\n"
		"  -b, --bits BITS   output samples: 16, 24, 32 or f (float); default: IN's\n"
		"  -q, --report      print the memory report after converting\n"
		"  -h, --help        this help\n"
		"Exit: 0 ok, 1 the conversion failed, 2 usage or input error.\n");
}

int cmd_convert(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "rate", required_argument, NULL, 'r' },
		{ "bits", required_argument, NULL, 'b' },
		{ "report", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct topology *t = malloc(sizeof(*t));
	struct rep_run *rep = malloc(sizeof(*rep));
	struct tb_run_opts o = { 0 };
	struct audio_in *in = NULL;
	struct audio_format f;
	enum topo_format out_fmt = TOPO_FMT_S16;
	bool have_bits = false, report = false;
	unsigned long rate = 0;
	char err[768];
	int c, e, code = VR_EXIT_USAGE;

	optind = 1;
	while ((c = getopt_long(argc, argv, "r:b:qh", opts, NULL)) != -1) {
		switch (c) {
		case 'r':
			if (!cli_parse_uint(optarg, 192000, &rate) || !rate) {
				cli_error("convert", VR_EXIT_USAGE, "-r: '%s' is not a rate", optarg);
				goto out;
			}
			break;
		case 'b':
			have_bits = true;
			if (!strcmp(optarg, "16"))
				out_fmt = TOPO_FMT_S16;
			else if (!strcmp(optarg, "24"))
				out_fmt = TOPO_FMT_S24;
			else if (!strcmp(optarg, "32"))
				out_fmt = TOPO_FMT_S32;
			else if (!strcmp(optarg, "f") || !strcmp(optarg, "float"))
				out_fmt = TOPO_FMT_FLOAT;
			else {
				cli_error("convert", VR_EXIT_USAGE, "-b: '%s' is not 16, 24, 32 or f", optarg);
				goto out;
			}
			break;
		case 'q':
			report = true;
			break;
		case 'h':
			help(stdout);
			code = VR_EXIT_OK;
			goto out;
		default:
			help(stderr);
			goto out;
		}
	}
	if (!rate || argc - optind != 2 || !t || !rep) {
		if (t && rep)
			help(stderr);
		code = t && rep ? VR_EXIT_USAGE : VR_EXIT_FAIL;
		goto out;
	}
	e = audio_open_read(argv[optind], &in, err, sizeof(err));
	if (e) {
		code = cli_error("convert", VR_EXIT_USAGE, "%s", err);
		goto out;
	}
	f = *audio_in_format(in);
	audio_close_in(in);
	if (!have_bits)
		out_fmt = f.format;
	if (convert_topology(t, "convert", f.rate, (unsigned)rate, f.channels, f.format, out_fmt,
			     err, sizeof(err))) {
		code = cli_error("convert", VR_EXIT_USAGE, "%s", err);
		goto out;
	}
	o.streams.input = argv[optind];
	o.streams.output = argv[optind + 1];
	o.progress = true;
	e = tb_run(t, &o, rep, err, sizeof(err));
	if (e) {
		code = cli_error("convert", e == -EIO || e == -ENOMEM ? VR_EXIT_FAIL : VR_EXIT_USAGE,
				 "%s", err);
		goto out;
	}
	if (report)
		rep_print_table(rep, stdout);
	code = rep->ok ? VR_EXIT_OK : cli_error("convert", VR_EXIT_FAIL, "%s", rep->error);
out:
	free(t);
	free(rep);
	return code;
}
