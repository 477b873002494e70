/*
 * Endpoint streams -> copier endpoints: each endpoint's copier reads the
 * input stream or writes the output stream through copier_set_endpoint().
 */
#include "tb_gateways.h"

#include <errno.h>

#include <vregion/modules/copier.h>

#include "plan.h"

static long ep_read(void *arg, void *buf, uint32_t frames)
{
	return (long)tb_stream_read(arg, buf, frames);
}

static int ep_write(void *arg, const void *buf, uint32_t frames)
{
	struct tb_stream *s = arg;

	tb_stream_write(s, buf, frames);
	return s->error;
}

int tb_gateways_attach(struct tb_firmware *f, const struct topology *t, struct tb_streams *ss)
{
	for (unsigned i = 0; i < ss->n; i++) {
		struct tb_stream *s = &ss->s[i];
		const struct topo_widget *w = &t->widgets[t->endpoints[s->endpoint].widget];
		struct processing_module *m = fw_module_find(f->fw, plan_module_id(w->type), w->instance);
		struct copier_endpoint ep = { 0 };

		if (!m)
			return -ENOENT;
		ep.arg = s;
		if (s->dir == TOPO_INPUT)
			ep.read = ep_read;
		else
			ep.write = ep_write;
		if (copier_set_endpoint(m, &ep))
			return -EINVAL;
	}
	return 0;
}
