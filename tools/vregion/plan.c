/* Topology -> IPC4 request sequence (see plan.h). */
#include "plan.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

unsigned plan_period_frames(unsigned rate)
{
	return (unsigned)(((uint64_t)rate * PLAN_PERIOD_US + 999999u) / 1000000u);
}

uint32_t plan_module_id(enum topo_widget_type type)
{
	switch (type) {
	case TOPO_COPIER: return IPC4_MODULE_COPIER;
	case TOPO_GAIN: return IPC4_MODULE_GAIN;
	case TOPO_SRC: return IPC4_MODULE_SRC;
	}
	return IPC4_MODULE_BASEFW;
}

uint32_t plan_volume_q31(double db)
{
	double v;

	if (db >= 0.0)
		return IPC4_VOLUME_MAX;
	v = pow(10.0, db / 20.0) * 2147483648.0;
	return v >= (double)IPC4_VOLUME_MAX ? IPC4_VOLUME_MAX : (uint32_t)lround(v);
}

static uint32_t ch_cfg(unsigned channels)
{
	/* IPC4 channel configurations: mono, stereo, 3.0, quatro, 5.0, 5.1, 7.0?, 7.1 */
	static const uint32_t cfg[9] = { 0, 0, 1, 3, 5, 7, 8, 12, 12 };

	return channels <= 8 ? cfg[channels] : 12;
}

void plan_audio_fmt(struct ipc4_audio_fmt *f, unsigned rate, unsigned channels,
		    enum topo_format format)
{
	memset(f, 0, sizeof(*f));
	f->sampling_frequency = rate;
	f->channels_count = channels;
	f->depth = format == TOPO_FMT_S16 ? 16 : 32;
	f->valid_bit_depth = format == TOPO_FMT_S16 ? 16 : format == TOPO_FMT_S24 ? 24 : 32;
	f->s_type = format == TOPO_FMT_FLOAT ? IPC4_SAMPLE_FLOAT : IPC4_SAMPLE_LSB_INTEGER;
	f->ch_cfg = ch_cfg(channels);
	f->ch_map = 0xFFFFFFFFu;
	for (unsigned c = 0; c < channels && c < 8; c++)
		f->ch_map = (f->ch_map & ~(0xFu << (4 * c))) | (c << (4 * c));
	f->interleaving_style = 0;
}

static struct plan_step *add(struct plan *p, enum ipc4_kind kind)
{
	struct plan_step *s;

	if (p->n == p->cap) {
		unsigned cap = p->cap ? p->cap * 2 : 32;
		void *n = realloc(p->steps, cap * sizeof(*p->steps));

		if (!n)
			return NULL;
		p->steps = n;
		p->cap = cap;
	}
	s = &p->steps[p->n++];
	memset(s, 0, sizeof(*s));
	s->req.kind = kind;
	s->widget = -1;
	return s;
}

static int endpoint_of(const struct topology *t, int widget)
{
	for (unsigned i = 0; i < t->n_endpoints; i++)
		if (t->endpoints[i].widget == widget)
			return (int)i;
	return -1;
}

/* Base config: input format, period sizes in and out. */
static void base_cfg(struct ipc4_base_cfg *b, const struct ipc4_audio_fmt *in,
		     unsigned out_rate, unsigned out_bytes)
{
	memset(b, 0, sizeof(*b));
	b->fmt = *in;
	b->ibs = plan_period_frames(in->sampling_frequency) * in->channels_count * (in->depth / 8);
	b->obs = plan_period_frames(out_rate) * in->channels_count * out_bytes;
}

static int copier_cfg(struct plan_step *s, const struct topology *t, int wi,
		      const enum topo_format *stream_fmt)
{
	static const uint8_t no_gateway_blob[4];
	const struct topo_widget *w = &t->widgets[wi];
	struct ipc4_copier_cfg c;
	struct ipc4_audio_fmt in, out;
	struct ipc4_node_id node = { 0 };
	int e = endpoint_of(t, wi);
	enum topo_format sf = e >= 0 ? stream_fmt[e] : TOPO_FMT_S32;
	bool input = e >= 0 && t->endpoints[e].dir == TOPO_INPUT;

	memset(&c, 0, sizeof(c));
	plan_audio_fmt(&in, w->rate_in, w->channels, input ? sf : TOPO_FMT_S32);
	plan_audio_fmt(&out, w->rate_out, w->channels, e >= 0 && !input ? sf : TOPO_FMT_S32);
	base_cfg(&c.base, &in, w->rate_out, out.depth / 8);
	c.out_fmt = out;
	c.node_id = IPC4_INVALID_NODE_ID;
	if (e >= 0) {
		node.v_index = (uint32_t)e;
		if (w->copier == TOPO_COPIER_HOST)
			node.dma_type = input ? IPC4_DMA_HDA_HOST_OUTPUT : IPC4_DMA_HDA_HOST_INPUT;
		else
			node.dma_type = input ? PLAN_DMA_TYPE_DAI + 1 : PLAN_DMA_TYPE_DAI;
		if (ipc4_node_id_encode(&node, &c.node_id))
			return -EINVAL;
	}
	c.dma_buffer_size = 2 * (input ? c.base.ibs : c.base.obs);
	c.config_length = 0;
	c.config_data = no_gateway_blob;
	c.config_data_len = sizeof(no_gateway_blob);
	return ipc4_copier_cfg_encode(&c, s->cfg, sizeof(s->cfg));
}

static int gain_cfg(struct plan_step *s, const struct topo_widget *w)
{
	struct ipc4_gain_cfg g;
	struct ipc4_audio_fmt f;

	memset(&g, 0, sizeof(g));
	plan_audio_fmt(&f, w->rate_in, w->channels, TOPO_FMT_S32);
	base_cfg(&g.base, &f, w->rate_out, 4);
	g.count = w->n_gain;
	for (unsigned i = 0; i < w->n_gain; i++) {
		g.ch[i].channel_id = w->n_gain == 1 ? IPC4_ALL_CHANNELS : i;
		g.ch[i].target_volume = plan_volume_q31(w->gain_db[i]);
		g.ch[i].curve_type = w->ramp_ms ? IPC4_CURVE_WINDOWS_FADE : IPC4_CURVE_NONE;
		g.ch[i].curve_duration = (uint64_t)w->ramp_ms * 10000u; /* 100 ns units */
	}
	return ipc4_gain_cfg_encode(&g, s->cfg, sizeof(s->cfg));
}

static int src_cfg(struct plan_step *s, const struct topo_widget *w)
{
	struct ipc4_src_cfg c;
	struct ipc4_audio_fmt f;

	memset(&c, 0, sizeof(c));
	plan_audio_fmt(&f, w->rate_in, w->channels, TOPO_FMT_S32);
	base_cfg(&c.base, &f, w->rate_out, 4);
	c.sink_rate = w->rate_out;
	return ipc4_src_cfg_encode(&c, s->cfg, sizeof(s->cfg));
}

static int init_instance(struct plan *p, const struct topology *t, int wi,
			 const enum topo_format *stream_fmt, char *err, size_t errlen)
{
	const struct topo_widget *w = &t->widgets[wi];
	struct plan_step *s = add(p, IPC4_KIND_INIT_INSTANCE);
	struct ipc4_init_instance *ii;
	int len;

	if (!s)
		return -ENOMEM;
	s->widget = wi;
	ii = &s->req.u.init_instance;
	ii->module_id = plan_module_id(w->type);
	ii->instance_id = w->instance;
	ii->ppl_instance_id = t->pipelines[w->pipeline].id;
	ii->proc_domain = w->domain == TOPO_DP ? IPC4_DOMAIN_DP : IPC4_DOMAIN_LL;
	if (w->domain == TOPO_DP) {
		ii->extended_init = 1;
		ii->data_obj_array = 1;
		ii->has_dp_data = true;
		ii->dp_data.domain_id = w->domain_id;
		ii->dp_data.stack_bytes = w->stack_set ? w->stack_bytes : 0;
		ii->dp_data.heap_bytes = w->heap_set ? w->heap_bytes : 0;
	}
	switch (w->type) {
	case TOPO_COPIER: len = copier_cfg(s, t, wi, stream_fmt); break;
	case TOPO_GAIN: len = gain_cfg(s, w); break;
	case TOPO_SRC: default: len = src_cfg(s, w); break;
	}
	if (len <= 0) {
		snprintf(err, errlen, "%s: widget '%s': the IPC4 encoder refused its configuration (%d)",
			 t->file, w->name, len);
		return -EINVAL;
	}
	ii->config = s->cfg;
	ii->config_len = (uint32_t)len;
	snprintf(s->what, sizeof(s->what), "INIT_INSTANCE %s (%s %u/%u, %s)", w->name,
		 topo_type_name(w->type), ii->module_id, w->instance,
		 w->domain == TOPO_DP ? "DP" : "LL");
	return 0;
}

static int set_state(struct plan *p, const struct topology *t, uint32_t state, const char *name)
{
	struct plan_step *s = add(p, IPC4_KIND_SET_PIPELINE_STATE);
	struct ipc4_set_pipeline_state *st;

	if (!s)
		return -ENOMEM;
	st = &s->req.u.set_pipeline_state;
	st->ppl_state = state;
	if (t->n_pipelines == 1) {
		st->ppl_id = t->pipelines[0].id;
		snprintf(s->what, sizeof(s->what), "SET_PIPELINE_STATE %u %s", st->ppl_id, name);
		return 0;
	}
	/* several pipelines move together, as the host does for a PCM */
	st->multi_ppl = 1;
	st->count = t->n_pipelines;
	for (unsigned i = 0; i < t->n_pipelines; i++)
		st->ppl_ids[i] = t->pipelines[t->n_pipelines - 1 - i].id;
	snprintf(s->what, sizeof(s->what), "SET_PIPELINE_STATE %u pipelines %s", st->count, name);
	return 0;
}

int plan_build(struct plan *p, const struct topology *t, const enum topo_format *stream_fmt,
	       char *err, size_t errlen)
{
	int r;

	for (unsigned i = 0; i < t->n_pipelines; i++) {
		struct plan_step *s = add(p, IPC4_KIND_CREATE_PIPELINE);
		struct ipc4_create_pipeline *cp;
		uint32_t heap = topo_pipeline_heap(t, i);

		if (!s)
			return -ENOMEM;
		cp = &s->req.u.create_pipeline;
		cp->instance_id = t->pipelines[i].id;
		cp->ppl_priority = t->pipelines[i].priority;
		if (heap) {
			cp->payload = 1;
			cp->data_obj_array = 1;
			cp->has_mem_data = true;
			cp->mem_data.domain_id = t->pipelines[i].domain_id;
			cp->mem_data.heap_bytes = heap;
		}
		snprintf(s->what, sizeof(s->what), "CREATE_PIPELINE %u (heap %u)", cp->instance_id, heap);
	}
	for (unsigned i = 0; i < t->n_widgets; i++) {
		r = init_instance(p, t, (int)i, stream_fmt, err, errlen);
		if (r)
			return r;
	}
	for (unsigned i = 0; i < t->n_routes; i++) {
		const struct topo_route *rt = &t->routes[i];
		const struct topo_widget *a = &t->widgets[rt->source], *b = &t->widgets[rt->sink];
		struct plan_step *s = add(p, IPC4_KIND_BIND);
		struct ipc4_bind *bd;

		if (!s)
			return -ENOMEM;
		bd = &s->req.u.bind;
		bd->module_id = plan_module_id(a->type);
		bd->instance_id = a->instance;
		bd->dst_module_id = plan_module_id(b->type);
		bd->dst_instance_id = b->instance;
		bd->src_queue = rt->source_pin;
		bd->dst_queue = rt->sink_pin;
		snprintf(s->what, sizeof(s->what), "BIND %s -> %s", a->name, b->name);
	}
	r = set_state(p, t, IPC4_PPL_PAUSED, "PAUSED");
	return r ? r : set_state(p, t, IPC4_PPL_RUNNING, "RUNNING");
}

int plan_gain_control(struct plan_step *s, const struct topo_widget *w, unsigned ch)
{
	struct ipc4_volume_cfg v = { 0 };
	struct ipc4_large_config *lc;
	int len;

	memset(s, 0, sizeof(*s));
	s->req.kind = IPC4_KIND_LARGE_CONFIG_SET;
	if (w->type != TOPO_GAIN || ch >= w->n_gain)
		return -EINVAL;
	v.channel_id = w->n_gain == 1 ? IPC4_ALL_CHANNELS : ch;
	v.target_volume = plan_volume_q31(w->gain_db[ch]);
	v.curve_type = w->ramp_ms ? IPC4_CURVE_WINDOWS_FADE : IPC4_CURVE_NONE;
	v.curve_duration = (uint64_t)w->ramp_ms * 10000u;
	len = ipc4_volume_cfg_encode(&v, s->cfg, sizeof(s->cfg));
	if (len <= 0)
		return -EINVAL;
	lc = &s->req.u.large_config;
	lc->module_id = IPC4_MODULE_GAIN;
	lc->instance_id = w->instance;
	lc->large_param_id = IPC4_VOLUME_PARAM;
	lc->init_block = 1;
	lc->final_block = 1;
	lc->data_off_size = (uint32_t)len;
	lc->data = s->cfg;
	lc->data_len = (uint32_t)len;
	snprintf(s->what, sizeof(s->what), "LARGE_CONFIG_SET %s volume channel %d", w->name,
		 w->n_gain == 1 ? -1 : (int)ch);
	return 0;
}

int plan_stop(struct plan *p, const struct topology *t)
{
	int r = set_state(p, t, IPC4_PPL_PAUSED, "PAUSED");

	return r ? r : set_state(p, t, IPC4_PPL_RESET, "RESET");
}

int plan_delete(struct plan *p, const struct topology *t)
{
	for (unsigned i = t->n_widgets; i-- > 0;) {
		const struct topo_widget *w = &t->widgets[i];
		struct plan_step *s = add(p, IPC4_KIND_DELETE_INSTANCE);

		if (!s)
			return -ENOMEM;
		s->req.u.delete_instance.module_id = plan_module_id(w->type);
		s->req.u.delete_instance.instance_id = w->instance;
		snprintf(s->what, sizeof(s->what), "DELETE_INSTANCE %s", w->name);
	}
	for (unsigned i = 0; i < t->n_pipelines; i++) {
		struct plan_step *s = add(p, IPC4_KIND_DELETE_PIPELINE);

		if (!s)
			return -ENOMEM;
		s->req.u.delete_pipeline.instance_id = t->pipelines[i].id;
		snprintf(s->what, sizeof(s->what), "DELETE_PIPELINE %u", t->pipelines[i].id);
	}
	return 0;
}

int plan_encode(struct plan_step *s, struct ipc4_frame *f)
{
	if (s->req.kind == IPC4_KIND_INIT_INSTANCE)
		s->req.u.init_instance.config = s->cfg;
	if (s->req.kind == IPC4_KIND_LARGE_CONFIG_SET)
		s->req.u.large_config.data = s->cfg;
	return ipc4_encode(&s->req, f);
}

void plan_free(struct plan *p)
{
	free(p->steps);
	memset(p, 0, sizeof(*p));
}
