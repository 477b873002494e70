/*
 * Topology writer: the canonical form of a topology, in the same syntax the
 * parser reads. Used by `vregion size --write` to fill in measured sizes.
 * Comments of the original file are not kept (alsa-lib does not keep them
 * either); every value the parser understood is written explicitly.
 */
#include "topology_util.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* Shortest decimal that reads back as the same double, always with a dot
 * or exponent so alsa-lib keeps it a real. */
static void fmt_real(char *buf, size_t cap, double v)
{
	for (int prec = 1; prec <= 17; prec++) {
		snprintf(buf, cap, "%.*g", prec, v);
		if (strtod(buf, NULL) == v)
			break;
	}
	if (!strpbrk(buf, ".eEn"))
		strncat(buf, ".0", cap - strlen(buf) - 1);
}

static void write_widget(const struct topology *t, const struct topo_widget *w, FILE *f)
{
	char num[40];

	fprintf(f, "\twidget.\"%s\" {\n", w->name);
	fprintf(f, "\t\ttype %s\n", topo_type_name(w->type));
	fprintf(f, "\t\tinstance %u\n", w->instance);
	fprintf(f, "\t\tscheduler_domain %s\n", w->domain == TOPO_DP ? "DP" : "LL");
	if (w->domain_id)
		fprintf(f, "\t\tdomain_id %u\n", w->domain_id);
	if (w->stack_set)
		fprintf(f, "\t\tstack_bytes_requirement %u\n", w->stack_bytes);
	if (w->heap_set)
		fprintf(f, "\t\theap_bytes_requirement %u\n", w->heap_bytes);
	switch (w->type) {
	case TOPO_COPIER:
		fprintf(f, "\t\tcopier_type %s\n", w->copier == TOPO_COPIER_HOST ? "host" : "dai");
		break;
	case TOPO_GAIN:
		if (w->n_gain == 1) {
			fmt_real(num, sizeof(num), w->gain_db[0]);
			fprintf(f, "\t\tgain_db %s\n", num);
		} else {
			fprintf(f, "\t\tgain_db [");
			for (unsigned i = 0; i < w->n_gain; i++) {
				fmt_real(num, sizeof(num), w->gain_db[i]);
				fprintf(f, " %s", num);
			}
			fprintf(f, " ]\n");
		}
		fprintf(f, "\t\tramp_ms %u\n", w->ramp_ms);
		break;
	case TOPO_SRC:
		fprintf(f, "\t\trate_out %u\n", w->src_rate_out);
		break;
	}
	(void)t;
	fprintf(f, "\t}\n");
}

int topo_write(const struct topology *t, FILE *f)
{
	fprintf(f, "# vregion topology (canonical form written by vregion; schema in docs/vregion-command.md)\n");
	for (unsigned p = 0; p < t->n_pipelines; p++) {
		const struct topo_pipeline *pl = &t->pipelines[p];

		fprintf(f, "\npipeline.%u {\n", pl->id);
		fprintf(f, "\tpriority %u\n", pl->priority);
		if (pl->domain_id)
			fprintf(f, "\tdomain_id %u\n", pl->domain_id);
		if (pl->heap_set)
			fprintf(f, "\theap_bytes_requirement %u\n", pl->heap_bytes);
		for (unsigned i = 0; i < t->n_widgets; i++)
			if (t->widgets[i].pipeline == (int)p)
				write_widget(t, &t->widgets[i], f);
		fprintf(f, "}\n");
	}
	fprintf(f, "\nroute [\n");
	for (unsigned i = 0; i < t->n_routes; i++) {
		const struct topo_route *r = &t->routes[i];

		fprintf(f, "\t{ source \"%s\" sink \"%s\"", t->widgets[r->source].name,
			t->widgets[r->sink].name);
		if (r->source_pin)
			fprintf(f, " source_pin %u", r->source_pin);
		if (r->sink_pin)
			fprintf(f, " sink_pin %u", r->sink_pin);
		fprintf(f, " }\n");
	}
	fprintf(f, "]\n");
	for (unsigned i = 0; i < t->n_endpoints; i++) {
		const struct topo_endpoint *e = &t->endpoints[i];

		fprintf(f, "\nendpoint.\"%s\" {\n", e->name);
		fprintf(f, "\tdirection %s\n", e->dir == TOPO_INPUT ? "input" : "output");
		fprintf(f, "\twidget \"%s\"\n", t->widgets[e->widget].name);
		if (e->rate)
			fprintf(f, "\trate %u\n", e->rate);
		if (e->channels)
			fprintf(f, "\tchannels %u\n", e->channels);
		fprintf(f, "\tformat %s\n", topo_format_name(e->format));
		fprintf(f, "}\n");
	}
	return ferror(f) ? -EIO : 0;
}

int topo_write_file(const struct topology *t, const char *path, char *err, size_t errlen)
{
	FILE *f = fopen(path, "w");
	int r;

	if (!f) {
		topo_err(err, errlen, path, 0, "cannot write topology: %s", strerror(errno));
		return -EIO;
	}
	r = topo_write(t, f);
	if (fclose(f) || r) {
		topo_err(err, errlen, path, 0, "cannot write topology: %s", strerror(errno));
		return -EIO;
	}
	return 0;
}
