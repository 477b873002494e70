/* SPDX-License-Identifier: BSD-3-Clause */
/* Module types for the hardening tests: see hard_modules.h. */
#include <errno.h>
#include <stdint.h>
#include <string.h>

#include <vregion/audio/buffer.h>
#include <vregion/audio/fw.h>
#include <vregion/audio/module.h>
#include <vregion/modules/modules.h>

#include "hard_modules.h"

#define STANDIN_STATE 512u
#define STANDIN_PERIOD_MAX 4096u

struct standin {
	uint8_t *state;      /* lifetime: allocated while the pipeline is built */
	uint8_t *work;       /* interim: allocated at prepare, freed at reset */
};

static int standin_init(struct processing_module *mod)
{
	struct standin *s = mod_zalloc(mod, sizeof(*s));

	if (!s)
		return -ENOMEM;
	mod->priv = s;
	s->state = mod_zalloc(mod, STANDIN_STATE);
	return s->state ? 0 : -ENOMEM;
}

static int standin_prepare(struct processing_module *mod)
{
	struct standin *s = mod->priv;

	if (!s->work)
		s->work = mod_zalloc(mod, STANDIN_PERIOD_MAX);
	return s->work ? 0 : -ENOMEM;
}

static int standin_reset(struct processing_module *mod)
{
	struct standin *s = mod->priv;

	if (s->work)
		mod_free(mod, s->work);
	s->work = NULL;
	return 0;
}

static int standin_process(struct processing_module *mod)
{
	struct standin *s = mod->priv;
	struct comp_buffer *in = mod->sources[0], *out = mod->sinks[0];
	size_t ibs = mod->ibs < STANDIN_PERIOD_MAX ? mod->ibs : STANDIN_PERIOD_MAX;
	size_t obs = mod->obs < STANDIN_PERIOD_MAX ? mod->obs : STANDIN_PERIOD_MAX;

	if (!s->work)
		return -EINVAL;
	if (in && buffer_avail(in) >= ibs)
		buffer_read(in, s->work, ibs);
	else if (in)
		return 0;
	if (out && buffer_free_space(out) >= obs)
		buffer_write(out, s->work, obs);
	return 0;
}

static const struct module_ops standin_ops = {
	.init = standin_init, .prepare = standin_prepare, .process = standin_process,
	.reset = standin_reset,
};
static const struct module_type standin_src = { MODULES_SRC_ID, "src-standin", &standin_ops };

int hard_register_modules(struct fw_instance *fw, bool *stand_in)
{
	int r = modules_register_all(fw);

	if (stand_in)
		*stand_in = false;
	if (r)
		return r;
	if (fw_find_module_type(fw, MODULES_SRC_ID))
		return 0;
	if (stand_in)
		*stand_in = true;
	return fw_register_module_type(fw, &standin_src);
}
