/* SPDX-License-Identifier: BSD-3-Clause */
/* The framework tests' module type; see tmod.h. */
#include <errno.h>
#include <string.h>

#include <vregion/audio/buffer.h>

#include "tmod.h"

uint64_t tmod_order_clock;

static const int32_t tmod_table[256] = { 7, 11, 13 };

static int tmod_init(struct processing_module *mod)
{
	struct tmod_init init = { 0, 0 };
	if (mod->init_data && mod->init_size >= sizeof(init))
		memcpy(&init, mod->init_data, sizeof(init));
	struct tmod_priv *pv = mod_zalloc(mod, sizeof(*pv));
	if (!pv)
		return -ENOMEM;
	mod->priv = pv;
	pv->flags = init.flags;
	pv->state = mod_alloc(mod, 256u + init.lifetime_bytes);
	if (!pv->state)
		return -ENOMEM;
	pv->table = mod_fast_get(mod, tmod_table, sizeof(tmod_table));
	if (!pv->table)
		return -ENOMEM;
	if (init.flags & TMOD_FAIL_INIT)
		return -EIO; /* halfway: the framework must release what we took */
	return 0;
}

static int tmod_prepare(struct processing_module *mod)
{
	struct tmod_priv *pv = mod->priv;
	pv->prepares++;
	return pv->flags & TMOD_FAIL_PREPARE ? -EIO : 0;
}

static void note_thread(struct tmod_priv *pv)
{
	if (pv->thread_name[0])
		return;
	pthread_getname_np(pthread_self(), pv->thread_name, sizeof(pv->thread_name));
	pthread_attr_t attr;
	if (!pthread_getattr_np(pthread_self(), &attr)) {
		pthread_attr_getstacksize(&attr, &pv->thread_stack);
		pthread_attr_destroy(&attr);
	}
}

static void check_period(struct tmod_priv *pv, const uint32_t *w, size_t words)
{
	for (size_t i = 0; i < words; i++, pv->next++) {
		if (w[i] != pv->next) {
			pv->bad++;
			pv->next = w[i];
		}
		pv->checked++;
	}
}

static int tmod_process(struct processing_module *mod)
{
	struct tmod_priv *pv = mod->priv;
	struct comp_buffer *in = mod->sources[0], *out = mod->sinks[0];
	uint32_t period[TMOD_PERIOD_BYTES / 4];
	pv->processed++;
	pv->order = __atomic_add_fetch(&tmod_order_clock, 1, __ATOMIC_RELAXED);
	if (mod->domain == MODULE_DOMAIN_DP)
		note_thread(pv);
	if (pv->flags & TMOD_SCRATCH) {
		/* runtime memory from the processing thread: interim, given back at once */
		void *scratch = mod_zalloc(mod, 200);
		const void *t = mod_fast_get(mod, tmod_table, sizeof(tmod_table));
		if (!scratch || !t || mod_free(mod, scratch) || mod_fast_put(mod, t))
			pv->scratch_failures++;
	}
	if (!in) {
		if (out && buffer_free_space(out) >= sizeof(period)) {
			for (size_t i = 0; i < TMOD_PERIOD_BYTES / 4; i++)
				period[i] = pv->next++;
			buffer_write(out, period, sizeof(period));
		}
		return 0;
	}
	if (buffer_avail(in) < sizeof(period))
		return 0;
	if (out && buffer_free_space(out) < sizeof(period))
		return 0;
	buffer_read(in, period, sizeof(period));
	if (out)
		buffer_write(out, period, sizeof(period));
	else
		check_period(pv, period, TMOD_PERIOD_BYTES / 4);
	return 0;
}

static int tmod_reset(struct processing_module *mod)
{
	struct tmod_priv *pv = mod->priv;
	pv->resets++;
	pv->next = 0;
	return 0;
}

static int tmod_free(struct processing_module *mod)
{
	struct tmod_priv *pv = mod->priv;
	/* Give back some of it by hand; mod_free_all() does the rest. */
	return mod_free(mod, pv->state);
}

/* Configuration: interim memory holding the coefficients, replaced each time. */
static int tmod_set_config(struct processing_module *mod, uint32_t param_id,
			   const uint8_t *data, size_t size)
{
	struct tmod_priv *pv = mod->priv;
	(void)param_id;
	uint8_t *coef = mod_alloc(mod, size);
	if (!coef)
		return -ENOMEM;
	memcpy(coef, data, size);
	if (pv->coef)
		mod_free(mod, pv->coef);
	pv->coef = coef;
	pv->coef_size = size;
	return 0;
}

static int tmod_get_config(struct processing_module *mod, uint32_t param_id,
			   uint8_t *data, size_t *size)
{
	struct tmod_priv *pv = mod->priv;
	(void)param_id;
	if (*size < pv->coef_size)
		return -ENOSPC;
	memcpy(data, pv->coef, pv->coef_size);
	*size = pv->coef_size;
	return 0;
}

static int tmod_bind(struct processing_module *mod, struct comp_buffer *buf, bool input,
		     uint32_t pin)
{
	struct tmod_priv *pv = mod->priv;
	(void)buf;
	(void)pin;
	pv->binds++;
	return input && (pv->flags & TMOD_FAIL_BIND) ? -EPIPE : 0;
}

static int tmod_unbind(struct processing_module *mod, struct comp_buffer *buf, bool input,
		       uint32_t pin)
{
	struct tmod_priv *pv = mod->priv;
	(void)buf;
	(void)input;
	(void)pin;
	pv->unbinds++;
	return 0;
}

static const struct module_ops tmod_ops = {
	.init = tmod_init,
	.prepare = tmod_prepare,
	.process = tmod_process,
	.reset = tmod_reset,
	.free = tmod_free,
	.set_configuration = tmod_set_config,
	.get_configuration = tmod_get_config,
	.bind = tmod_bind,
	.unbind = tmod_unbind,
};

const struct module_type tmod_type = { TMOD_ID, "tmod", &tmod_ops };

struct fw_module_params tmod_params(uint32_t instance, uint32_t pipeline,
				    enum module_domain domain, const struct tmod_init *init)
{
	struct fw_module_params p;
	memset(&p, 0, sizeof(p));
	p.module_id = TMOD_ID;
	p.instance_id = instance;
	p.pipeline_id = pipeline;
	p.domain = domain;
	p.init_data = init;
	p.init_size = init ? sizeof(*init) : 0;
	p.in_fmt.rate = 48000;
	p.in_fmt.channels = TMOD_CHANNELS;
	p.in_fmt.sample_bytes = 4;
	p.out_fmt = p.in_fmt;
	p.ibs = TMOD_PERIOD_BYTES;
	p.obs = TMOD_PERIOD_BYTES;
	return p;
}
