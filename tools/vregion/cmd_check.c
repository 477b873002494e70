/*
 * `vregion check [TOPOLOGY] [--write OUT]`: parse and validate a topology
 * (the built-in one without argument), print the pipelines and widgets with
 * the rates, domains and memory sizes it will request, and optionally write
 * its canonical form.
 */
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include <vregion/ipc4/log.h>

#include "plan.h"

static void help(FILE *f)
{
	fprintf(f,
		"usage: vregion check [TOPOLOGY] [--write OUT] [--ipc-log OUT]\n"
		"Parse and validate TOPOLOGY (default: the built-in playback topology) and\n"
		"print what it builds: pipelines, widgets, rates and requested memory.\n"
		"  -w, --write OUT   write the topology back in canonical form\n"
		"  -l, --ipc-log OUT write the IPC4 requests that build, stop and tear down\n"
		"                    the topology as an IPC log (requests only; `vregion\n"
		"                    replay` plays it)\n"
		"  -h, --help        this help\n");
}

static void print_widget(const struct topology *t, const struct topo_widget *w)
{
	char heap[16] = "-", stack[16] = "-";

	if (w->domain == TOPO_DP) {
		snprintf(heap, sizeof(heap), "%u", w->heap_set ? w->heap_bytes : 0);
		snprintf(stack, sizeof(stack), "%u", w->stack_set ? w->stack_bytes : 0);
	} else if (w->heap_set) {
		snprintf(heap, sizeof(heap), "(%u)", w->heap_bytes);
	}
	printf("  %-16s %-6s %4u  %-2s %6u -> %-6u %2u  %8s %8s\n", w->name,
	       topo_type_name(w->type), w->instance, w->domain == TOPO_DP ? "DP" : "LL",
	       w->rate_in, w->rate_out, w->channels, heap, stack);
	(void)t;
}

void topo_print_summary(const struct topology *t);
void topo_print_summary(const struct topology *t)
{
	printf("topology %s: %u pipeline(s), %u widget(s), %u route(s), %u endpoint(s)\n",
	       t->file, t->n_pipelines, t->n_widgets, t->n_routes, t->n_endpoints);
	for (unsigned p = 0; p < t->n_pipelines; p++) {
		const struct topo_pipeline *pl = &t->pipelines[p];

		printf("\npipeline %u  priority %u  region %u bytes (%s)\n", pl->id, pl->priority,
		       topo_pipeline_heap(t, p),
		       pl->heap_set ? "heap_bytes_requirement" : "derived from LL widgets");
		printf("  %-16s %-6s %4s  %-2s %16s %2s  %8s %8s\n", "widget", "type", "inst", "",
		       "rate in -> out", "ch", "heap", "stack");
		for (unsigned i = 0; i < t->n_widgets; i++)
			if (t->widgets[i].pipeline == (int)p)
				print_widget(t, &t->widgets[i]);
	}
	printf("\n");
	for (unsigned i = 0; i < t->n_endpoints; i++) {
		const struct topo_endpoint *e = &t->endpoints[i];

		printf("endpoint %-12s %-6s %-16s %6u Hz %u ch %s\n", e->name,
		       e->dir == TOPO_INPUT ? "input" : "output", t->widgets[e->widget].name,
		       e->rate, e->channels, topo_format_name(e->format));
	}
}

/* The requests a host would send for @p t, as an IPC log. */
static int write_plan_log(const struct topology *t, const char *path)
{
	enum topo_format fmt[TOPO_MAX_ENDPOINTS];
	struct plan p = { 0 };
	struct ipc4_frame *fr = malloc(sizeof(*fr));
	char err[512] = "";
	FILE *f = fopen(path, "wb");
	int r = fr && f ? 0 : -errno;

	for (unsigned i = 0; i < t->n_endpoints; i++)
		fmt[i] = t->endpoints[i].format;
	if (!r)
		r = plan_build(&p, t, fmt, err, sizeof(err));
	if (!r)
		r = plan_stop(&p, t);
	if (!r)
		r = plan_delete(&p, t);
	for (unsigned i = 0; !r && i < p.n; i++) {
		r = plan_encode(&p.steps[i], fr);
		if (!r)
			r = ipc4_log_write(f, fr->primary, fr->extension, fr->payload, fr->len);
	}
	if (f && fclose(f) && !r)
		r = -EIO;
	plan_free(&p);
	free(fr);
	if (r)
		return cli_error("check", VR_EXIT_FAIL, "%s: %s", path, err[0] ? err : strerror(-r));
	return VR_EXIT_OK;
}

int cmd_check(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "write", required_argument, NULL, 'w' },
		{ "ipc-log", required_argument, NULL, 'l' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct topology t;
	const char *out = NULL, *log = NULL;
	char err[512];
	int c, r;

	optind = 1;
	while ((c = getopt_long(argc, argv, "w:l:h", opts, NULL)) != -1) {
		switch (c) {
		case 'w':
			out = optarg;
			break;
		case 'l':
			log = optarg;
			break;
		case 'h':
			help(stdout);
			return VR_EXIT_OK;
		default:
			help(stderr);
			return VR_EXIT_USAGE;
		}
	}
	if (argc - optind > 1)
		return cli_error("check", VR_EXIT_USAGE, "too many arguments (one TOPOLOGY)");
	r = cli_load_topology("check", optind < argc ? argv[optind] : NULL, &t);
	if (r)
		return r;
	topo_print_summary(&t);
	if (out && topo_write_file(&t, out, err, sizeof(err)))
		return cli_error("check", VR_EXIT_FAIL, "%s", err);
	if (log)
		return write_plan_log(&t, log);
	return VR_EXIT_OK;
}
