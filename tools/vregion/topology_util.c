/* Topology helpers: error formatting, names, rate table, heap derivation. */
#include "topology_util.h"

#include <errno.h>
#include <stdarg.h>
#include <string.h>

int topo_err(char *err, size_t errlen, const char *file, int line, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (!err || !errlen)
		return -EINVAL;
	if (line > 0)
		n = snprintf(err, errlen, "%s:%d: ", file, line);
	else
		n = snprintf(err, errlen, "%s: ", file);
	if (n < 0 || (size_t)n >= errlen)
		return -EINVAL;
	va_start(ap, fmt);
	vsnprintf(err + n, errlen - (size_t)n, fmt, ap);
	va_end(ap);
	return -EINVAL;
}

bool topo_src_rate_ok(unsigned rate)
{
	static const unsigned rates[] = { 8000, 11025, 12000, 16000, 22050, 24000, 32000,
					  44100, 48000, 64000, 88200, 96000, 176400, 192000 };

	for (size_t i = 0; i < sizeof(rates) / sizeof(rates[0]); i++)
		if (rates[i] == rate)
			return true;
	return false;
}

const char *topo_type_name(enum topo_widget_type type)
{
	switch (type) {
	case TOPO_COPIER: return "copier";
	case TOPO_GAIN: return "gain";
	case TOPO_SRC: return "src";
	}
	return "?";
}

static const char *const format_names[] = { "s16", "s24", "s32", "float" };

const char *topo_format_name(enum topo_format f)
{
	return (unsigned)f < 4 ? format_names[f] : "?";
}

int topo_format_parse(const char *s, enum topo_format *f)
{
	for (unsigned i = 0; i < 4; i++) {
		if (strcmp(s, format_names[i]) == 0) {
			*f = (enum topo_format)i;
			return 0;
		}
	}
	return -EINVAL;
}

int topo_find_widget(const struct topology *t, const char *name)
{
	for (unsigned i = 0; i < t->n_widgets; i++)
		if (strcmp(t->widgets[i].name, name) == 0)
			return (int)i;
	return -1;
}

int topo_find_pipeline(const struct topology *t, unsigned id)
{
	for (unsigned i = 0; i < t->n_pipelines; i++)
		if (t->pipelines[i].id == id)
			return (int)i;
	return -1;
}

uint32_t topo_pipeline_heap(const struct topology *t, unsigned pipeline)
{
	const struct topo_pipeline *p = &t->pipelines[pipeline];
	uint64_t sum = 0;

	if (p->heap_set)
		return p->heap_bytes;
	for (unsigned i = 0; i < t->n_widgets; i++) {
		const struct topo_widget *w = &t->widgets[i];

		if (w->pipeline != (int)pipeline || w->domain != TOPO_LL)
			continue;
		sum += w->heap_set ? w->heap_bytes : TOPO_SOF_WIDGET_HEAP_DEFAULT;
	}
	sum = (sum + TOPO_PAGE_SIZE - 1) / TOPO_PAGE_SIZE * TOPO_PAGE_SIZE;
	return sum > UINT32_MAX ? UINT32_MAX / TOPO_PAGE_SIZE * TOPO_PAGE_SIZE : (uint32_t)sum;
}
