/* Topology of `vregion convert`, built in code and validated like a file. */
#include "convert_topology.h"
#include "topology_util.h"

#include <string.h>

static struct topo_widget *add_widget(struct topology *t, const char *name,
				      enum topo_widget_type type, unsigned instance)
{
	struct topo_widget *w = &t->widgets[t->n_widgets++];

	memset(w, 0, sizeof(*w));
	snprintf(w->name, sizeof(w->name), "%s", name);
	w->type = type;
	w->instance = instance;
	w->pipeline = 0;
	w->domain = TOPO_LL;
	w->n_gain = 1;
	w->source = w->sink = -1;
	return w;
}

int convert_topology(struct topology *t, const char *name, unsigned rate_in, unsigned rate_out,
		     unsigned channels, enum topo_format in_fmt, enum topo_format out_fmt,
		     char *err, size_t errlen)
{
	struct topo_endpoint *e;

	memset(t, 0, sizeof(*t));
	snprintf(t->file, sizeof(t->file), "%s", name);
	t->n_pipelines = 1;
	t->pipelines[0].id = 1;
	add_widget(t, "host-copier.1", TOPO_COPIER, 0)->copier = TOPO_COPIER_HOST;
	add_widget(t, "src.1", TOPO_SRC, 0)->src_rate_out = rate_out;
	add_widget(t, "dai-copier.1", TOPO_COPIER, 1)->copier = TOPO_COPIER_DAI;
	t->n_routes = 2;
	t->routes[0] = (struct topo_route){ .source = 0, .sink = 1 };
	t->routes[1] = (struct topo_route){ .source = 1, .sink = 2 };
	t->n_endpoints = 2;
	e = &t->endpoints[0];
	snprintf(e->name, sizeof(e->name), "in");
	e->dir = TOPO_INPUT;
	e->widget = 0;
	e->rate = rate_in;
	e->channels = channels;
	e->format = in_fmt;
	e = &t->endpoints[1];
	snprintf(e->name, sizeof(e->name), "out");
	e->dir = TOPO_OUTPUT;
	e->widget = 2;
	e->format = out_fmt;
	if (channels < 1 || channels > TOPO_MAX_CHANNELS)
		return topo_err(err, errlen, name, 0, "%u channels: 1 to %d are supported",
				       channels, TOPO_MAX_CHANNELS);
	return topo_validate(t, err, errlen);
}
