/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Seed corpus of fuzz_ipc4: for each topology file given, the requests a
 * host sends to build, run (one gain control), stop and tear it down, as an
 * IPC log. Usage: fuzz_ipc4_seeds OUTDIR TOPOLOGY...
 * Writes OUTDIR/<basename>.ipc (whole session) and <basename>-build.ipc.
 */
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <vregion/ipc4/log.h>

#include "plan.h"
#include "topology.h"

/* A volume control on every gain widget: what a mixer write sends. */
static int write_controls(FILE *out, struct ipc4_frame *f, const struct topology *t)
{
	for (unsigned w = 0; w < t->n_widgets; w++) {
		struct plan_step s;

		if (t->widgets[w].type != TOPO_GAIN)
			continue;
		if (plan_gain_control(&s, &t->widgets[w], 0) || plan_encode(&s, f) ||
		    ipc4_log_write(out, f->primary, f->extension, f->payload, f->len))
			return -1;
	}
	return 0;
}

/* Steps [0, to) with the controls after step @p built - 1. */
static int write_steps(const char *path, struct plan *p, unsigned built, unsigned to,
		       struct ipc4_frame *f, const struct topology *t)
{
	FILE *out = fopen(path, "wb");
	int r = 0;

	if (!out)
		return -1;
	for (unsigned i = 0; i < to && !r; i++) {
		r = plan_encode(&p->steps[i], f);
		if (!r)
			r = ipc4_log_write(out, f->primary, f->extension, f->payload, f->len);
		if (!r && i + 1 == built)
			r = write_controls(out, f, t);
	}
	return fclose(out) || r ? -1 : 0;
}

int main(int argc, char **argv)
{
	static struct topology t;
	static struct ipc4_frame f;
	enum topo_format fmt[TOPO_MAX_ENDPOINTS];
	char err[512], path[1024];

	if (argc < 3) {
		fprintf(stderr, "usage: fuzz_ipc4_seeds OUTDIR TOPOLOGY...\n");
		return 2;
	}
	for (int a = 2; a < argc; a++) {
		struct plan p = { 0 };
		unsigned built;
		char *base, *dot, name[256];

		if (topo_load_file(argv[a], &t, err, sizeof(err))) {
			fprintf(stderr, "%s\n", err);
			return 1;
		}
		for (unsigned i = 0; i < t.n_endpoints; i++)
			fmt[i] = t.endpoints[i].format;
		if (plan_build(&p, &t, fmt, err, sizeof(err))) {
			fprintf(stderr, "%s\n", err);
			return 1;
		}
		built = p.n;
		if (plan_stop(&p, &t) || plan_delete(&p, &t))
			return 1;
		snprintf(name, sizeof(name), "%s", argv[a]);
		base = basename(name);
		dot = strrchr(base, '.');
		if (dot)
			*dot = 0;
		snprintf(path, sizeof(path), "%s/%s.ipc", argv[1], base);
		if (write_steps(path, &p, built, p.n, &f, &t))
			return 1;
		snprintf(path, sizeof(path), "%s/%s-build.ipc", argv[1], base);
		if (write_steps(path, &p, built, built, &f, &t))
			return 1;
		plan_free(&p);
	}
	return 0;
}
