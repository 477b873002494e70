/*
 * Topology validation: cross references, graph shape and the rates and
 * channel counts every widget sees. Our modules have one input and one
 * output, so a valid graph is a set of chains, each starting at an input
 * endpoint and ending at an output endpoint (possibly across pipelines).
 */
#include "topology_util.h"

#include <string.h>

#define VERR(t, err, errlen, line, ...) topo_err(err, errlen, (t)->file, line, __VA_ARGS__)

static int check_names(struct topology *t, char *err, size_t errlen)
{
	for (unsigned i = 0; i < t->n_widgets; i++) {
		struct topo_widget *w = &t->widgets[i];

		for (unsigned j = 0; j < i; j++) {
			struct topo_widget *o = &t->widgets[j];

			if (!strcmp(o->name, w->name))
				return VERR(t, err, errlen, w->line, "widget '%s' defined twice", w->name);
			if (o->type == w->type && o->instance == w->instance)
				return VERR(t, err, errlen, w->line,
					    "widget '%s': attribute 'instance': %s instance %u is already used by '%s'",
					    w->name, topo_type_name(w->type), w->instance, o->name);
		}
		if (w->pipeline < 0 || (unsigned)w->pipeline >= t->n_pipelines)
			return VERR(t, err, errlen, w->line, "widget '%s' has no pipeline", w->name);
	}
	return 0;
}

static int link_routes(struct topology *t, char *err, size_t errlen)
{
	for (unsigned i = 0; i < t->n_widgets; i++)
		t->widgets[i].source = t->widgets[i].sink = -1;
	for (unsigned i = 0; i < t->n_routes; i++) {
		struct topo_route *r = &t->routes[i];
		struct topo_widget *src, *snk;

		if (r->source < 0 || (unsigned)r->source >= t->n_widgets ||
		    r->sink < 0 || (unsigned)r->sink >= t->n_widgets)
			return VERR(t, err, errlen, r->line, "route %u: unknown widget", i);
		src = &t->widgets[r->source];
		snk = &t->widgets[r->sink];
		if (r->source == r->sink)
			return VERR(t, err, errlen, r->line, "route %u: widget '%s' routed to itself",
				    i, src->name);
		if (src->sink >= 0)
			return VERR(t, err, errlen, r->line,
				    "route %u: widget '%s' already feeds '%s' (one output per widget)",
				    i, src->name, t->widgets[src->sink].name);
		if (snk->source >= 0)
			return VERR(t, err, errlen, r->line,
				    "route %u: widget '%s' is already fed by '%s' (one input per widget)",
				    i, snk->name, t->widgets[snk->source].name);
		src->sink = r->sink;
		snk->source = r->source;
	}
	return 0;
}

static int check_endpoints(struct topology *t, char *err, size_t errlen)
{
	unsigned n_in = 0, n_out = 0;

	for (unsigned i = 0; i < t->n_endpoints; i++) {
		struct topo_endpoint *e = &t->endpoints[i];
		struct topo_widget *w;

		if (e->widget < 0 || (unsigned)e->widget >= t->n_widgets)
			return VERR(t, err, errlen, e->line, "endpoint '%s': unknown widget", e->name);
		w = &t->widgets[e->widget];
		if (w->type != TOPO_COPIER)
			return VERR(t, err, errlen, e->line,
				    "endpoint '%s': attribute 'widget': '%s' is a %s, endpoints are copiers",
				    e->name, w->name, topo_type_name(w->type));
		for (unsigned j = 0; j < i; j++)
			if (t->endpoints[j].widget == e->widget)
				return VERR(t, err, errlen, e->line,
					    "endpoint '%s': widget '%s' is already endpoint '%s'",
					    e->name, w->name, t->endpoints[j].name);
		if (e->dir == TOPO_INPUT && w->source >= 0)
			return VERR(t, err, errlen, e->line,
				    "endpoint '%s': input widget '%s' is fed by route from '%s'",
				    e->name, w->name, t->widgets[w->source].name);
		if (e->dir == TOPO_OUTPUT && w->sink >= 0)
			return VERR(t, err, errlen, e->line,
				    "endpoint '%s': output widget '%s' feeds '%s'",
				    e->name, w->name, t->widgets[w->sink].name);
		n_in += e->dir == TOPO_INPUT;
		n_out += e->dir == TOPO_OUTPUT;
	}
	if (!n_in || !n_out)
		return VERR(t, err, errlen, 0, "the topology needs at least one input and one output endpoint");
	return 0;
}

static int endpoint_of(const struct topology *t, int widget)
{
	for (unsigned i = 0; i < t->n_endpoints; i++)
		if (t->endpoints[i].widget == widget)
			return (int)i;
	return -1;
}

/* Walk one chain from an input endpoint, deriving rates and channels. */
static int walk_chain(struct topology *t, const struct topo_endpoint *in, bool *seen,
		      char *err, size_t errlen)
{
	unsigned rate = in->rate, steps = 0;
	int wi = in->widget, last = -1;

	while (wi >= 0) {
		struct topo_widget *w = &t->widgets[wi];

		if (seen[wi] || steps++ > t->n_widgets)
			return VERR(t, err, errlen, w->line, "widget '%s': routes form a cycle", w->name);
		seen[wi] = true;
		w->rate_in = rate;
		w->channels = in->channels;
		if (w->type == TOPO_SRC) {
			if (!topo_src_rate_ok(rate))
				return VERR(t, err, errlen, w->line,
					    "widget '%s': input rate %u Hz is not a rate the SRC supports",
					    w->name, rate);
			if (!topo_src_rate_ok(w->src_rate_out))
				return VERR(t, err, errlen, w->line,
					    "widget '%s': output rate %u Hz is not a rate the SRC supports",
					    w->name, w->src_rate_out);
			rate = w->src_rate_out;
		}
		if (w->type == TOPO_GAIN && w->n_gain > 1 && w->n_gain != w->channels)
			return VERR(t, err, errlen, w->line,
				    "widget '%s': attribute 'gain_db': %u values for %u channels",
				    w->name, w->n_gain, w->channels);
		w->rate_out = rate;
		last = wi;
		wi = w->sink;
	}
	{
		int e = endpoint_of(t, last);
		struct topo_endpoint *out = e >= 0 ? &t->endpoints[e] : NULL;
		struct topo_widget *lw = &t->widgets[last];

		if (!out || out->dir != TOPO_OUTPUT)
			return VERR(t, err, errlen, lw->line,
				    "widget '%s' feeds nothing and is not an output endpoint", lw->name);
		if (out->rate && out->rate != rate)
			return VERR(t, err, errlen, out->line,
				    "endpoint '%s': attribute 'rate': %u Hz does not match the %u Hz arriving at '%s'",
				    out->name, out->rate, rate, lw->name);
		if (out->channels && out->channels != in->channels)
			return VERR(t, err, errlen, out->line,
				    "endpoint '%s': attribute 'channels': %u does not match the %u channels arriving at '%s'",
				    out->name, out->channels, in->channels, lw->name);
		out->rate = rate;
		out->channels = in->channels;
	}
	return 0;
}

int topo_validate(struct topology *t, char *err, size_t errlen)
{
	bool seen[TOPO_MAX_WIDGETS] = { false };
	int r;

	if (!t->n_pipelines)
		return VERR(t, err, errlen, 0, "no pipeline defined");
	r = check_names(t, err, errlen);
	if (!r)
		r = link_routes(t, err, errlen);
	if (!r)
		r = check_endpoints(t, err, errlen);
	for (unsigned i = 0; !r && i < t->n_endpoints; i++)
		if (t->endpoints[i].dir == TOPO_INPUT)
			r = walk_chain(t, &t->endpoints[i], seen, err, errlen);
	for (unsigned i = 0; !r && i < t->n_widgets; i++)
		if (!seen[i])
			r = VERR(t, err, errlen, t->widgets[i].line,
				 "widget '%s' is not reached from any input endpoint", t->widgets[i].name);
	for (unsigned i = 0; !r && i < t->n_pipelines; i++) {
		bool any = false;

		for (unsigned j = 0; j < t->n_widgets; j++)
			any |= t->widgets[j].pipeline == (int)i;
		if (!any)
			r = VERR(t, err, errlen, t->pipelines[i].line, "pipeline %u has no widget",
				 t->pipelines[i].id);
	}
	return r;
}
