/*
 * `vregion size TOPOLOGY [--write OUT]`: measure every region of TOPOLOGY,
 * recommend heap_bytes_requirement for every pipeline and every DP module,
 * prove the recommendation and bisect the minimum (method: sizing.h and
 * docs/vregion-command.md).
 */
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"
#include "sizing.h"

static void help(FILE *f)
{
	fprintf(f,
		"usage: vregion size TOPOLOGY [--write OUT] [-i IN] [--json] [--headroom PCT]\n"
		"                    [--measure-bytes N] [--seconds S]\n"
		"Measure each region of TOPOLOGY (every pipeline's and every DP module's) with\n"
		"generous sizes, recommend heap_bytes_requirement = pages((lifetime + interim\n"
		"peak + heap overhead) x (1 + headroom)), re-run with exactly those sizes, and\n"
		"bisect for each region the smallest size that still runs (one page less\n"
		"must fail).\n"
		"  -w, --write OUT        write TOPOLOGY with the recommended sizes to OUT\n"
		"  -i, --input IN         input to measure with (default: generated signal)\n"
		"  -j, --json             print the result as JSON\n"
		"  -H, --headroom PCT     headroom in percent (default 12.5)\n"
		"  -m, --measure-bytes N  region size of the measuring run (default 1048576)\n"
		"  -t, --seconds S        length of the generated signal (default 1)\n"
		"  -h, --help             this help\n"
		"Exit: 0 recommendation proven, 1 a run failed where it should not,\n"
		"2 usage or input error.\n");
}

struct size_args {
	const char *topology, *write, *input;
	bool json;
	double headroom, seconds;
	unsigned long measure;
};

static int parse(int argc, char **argv, struct size_args *a)
{
	static const struct option opts[] = {
		{ "write", required_argument, NULL, 'w' },
		{ "input", required_argument, NULL, 'i' },
		{ "json", no_argument, NULL, 'j' },
		{ "headroom", required_argument, NULL, 'H' },
		{ "measure-bytes", required_argument, NULL, 'm' },
		{ "seconds", required_argument, NULL, 't' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	char *end;
	int c, code;

	memset(a, 0, sizeof(*a));
	a->headroom = SIZE_DEFAULT_HEADROOM;
	a->measure = SIZE_DEFAULT_MEASURE_BYTES;
	a->seconds = 1.0;
	optind = 1;
	while ((c = getopt_long(argc, argv, "w:i:jH:m:t:h", opts, NULL)) != -1) {
		switch (c) {
		case 'w': a->write = optarg; break;
		case 'i': a->input = optarg; break;
		case 'j': a->json = true; break;
		case 'H':
			a->headroom = strtod(optarg, &end) / 100.0;
			if (*end || !(a->headroom >= 0 && a->headroom <= 10))
				return cli_error("size", VR_EXIT_USAGE, "--headroom: '%s' is not 0..1000", optarg);
			break;
		case 'm':
			if (!cli_parse_uint(optarg, 64ul << 20, &a->measure) || a->measure < TOPO_PAGE_SIZE)
				return cli_error("size", VR_EXIT_USAGE,
						 "--measure-bytes: '%s' is not 4096..67108864", optarg);
			break;
		case 't':
			if ((code = cli_parse_seconds("size", optarg, &a->seconds)))
				return code;
			break;
		case 'h': help(stdout); return -1;
		default: help(stderr); return VR_EXIT_USAGE;
		}
	}
	if (argc - optind != 1) {
		help(stderr);
		return VR_EXIT_USAGE;
	}
	a->topology = argv[optind];
	return 0;
}

static void print_table(const struct size_result *res, FILE *f)
{
	fprintf(f, "measured with %u-byte regions; headroom %.1f %%; %u runs\n\n",
		res->measure_bytes, res->headroom * 100.0, res->runs);
	fprintf(f, "%-20s %9s %9s %12s %9s %s\n", "region", "lifetime", "int.peak", "recommended",
		"minimum", "minimum - 1 page");
	for (unsigned i = 0; i < res->n; i++) {
		const struct size_target *tg = &res->t[i];

		fprintf(f, "%-20s %9" PRIu64 " %9" PRIu64 " %12" PRIu64, tg->name, tg->lifetime,
			tg->interim_peak, tg->recommended);
		if (tg->minimum_found)
			fprintf(f, " %9" PRIu64 " %s\n", tg->minimum,
				tg->minimum <= TOPO_PAGE_SIZE ? "(no smaller size)" :
				tg->below_minimum_fails ? "fails" : "RUNS (not monotonic)");
		else
			fprintf(f, " %9s\n", "-");
	}
	fprintf(f, "\nrecommended sizes %s", res->recommended_ok ? "run: ok\n" : "FAIL: ");
	if (!res->recommended_ok)
		fprintf(f, "%s\n", res->recommended_error);
	for (unsigned i = 0; i < res->n; i++)
		if (res->t[i].minimum_found && res->t[i].below_minimum_fails)
			fprintf(f, "  %s at %" PRIu64 " bytes: %s\n", res->t[i].name,
				res->t[i].minimum - TOPO_PAGE_SIZE, res->t[i].below_minimum_error);
}

static void print_json(const struct size_result *res, const char *topo, FILE *f)
{
	fprintf(f, "{\n  \"schema\": \"vregion-size-1\",\n  \"topology\": ");
	rep_json_string(f, topo);
	fprintf(f, ",\n  \"measure_bytes\": %u,\n  \"headroom\": %.4f,\n  \"runs\": %u,\n"
		   "  \"recommended_ok\": %s,\n  \"regions\": [\n",
		res->measure_bytes, res->headroom, res->runs, res->recommended_ok ? "true" : "false");
	for (unsigned i = 0; i < res->n; i++) {
		const struct size_target *tg = &res->t[i];

		fprintf(f, "    {\"name\": ");
		rep_json_string(f, tg->name);
		fprintf(f, ", \"kind\": \"%s\", \"lifetime_used\": %" PRIu64 ", \"interim_peak\": %" PRIu64
			   ", \"recommended\": %" PRIu64 ", \"minimum\": %" PRIu64
			   ", \"minimum_minus_page_fails\": %s}%s\n",
			tg->dp ? "dp_module" : "pipeline", tg->lifetime, tg->interim_peak,
			tg->recommended, tg->minimum_found ? tg->minimum : 0,
			tg->below_minimum_fails ? "true" : "false", i + 1 < res->n ? "," : "");
	}
	fprintf(f, "  ]\n}\n");
}

int cmd_size(int argc, char **argv)
{
	struct size_args a;
	struct tb_size_ctx ctx = { 0 };
	struct topology *t = malloc(sizeof(*t)), *out = malloc(sizeof(*out));
	struct size_result *res = malloc(sizeof(*res));
	char err[1024];
	int code = parse(argc, argv, &a), e;

	if (code || !t || !out || !res) {
		code = code < 0 ? VR_EXIT_OK : code ? code : VR_EXIT_FAIL;
		goto out;
	}
	code = cli_load_topology("size", a.topology, t);
	if (code)
		goto out;
	ctx.input = a.input;
	ctx.seconds = a.seconds;
	e = size_topology(t, a.headroom, (uint32_t)a.measure, tb_size_runner, &ctx, res, out, err,
			  sizeof(err));
	if (ctx.error) {
		code = cli_error("size", ctx.error == -EIO || ctx.error == -ENOMEM ?
				 VR_EXIT_FAIL : VR_EXIT_USAGE, "%s", ctx.err);
		goto out;
	}
	if (e) {
		code = cli_error("size", VR_EXIT_FAIL, "%s", err);
		goto out;
	}
	if (a.json)
		print_json(res, t->file, stdout);
	else
		print_table(res, stdout);
	code = res->recommended_ok ? VR_EXIT_OK : VR_EXIT_FAIL;
	if (a.write && topo_write_file(out, a.write, err, sizeof(err)))
		code = cli_error("size", VR_EXIT_FAIL, "%s", err);
out:
	free(t);
	free(out);
	free(res);
	return code;
}
