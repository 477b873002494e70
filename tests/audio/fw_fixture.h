/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The cmocka fixture of the framework tests: a firmware instance with the
 * test module registered, and the leak baseline its teardown checks.
 * Include after cmocka.h, audio_test.h and tmod.h.
 */
#ifndef TESTS_AUDIO_FW_FIXTURE_H
#define TESTS_AUDIO_FW_FIXTURE_H

struct fx {
	struct fw_instance *fw;
	struct baseline base;
};

static inline int setup(void **state)
{
	static struct fx f;
	f.base = baseline_take();
	f.fw = fw_new(NULL);
	if (!f.fw || fw_register_module_type(f.fw, &tmod_type))
		return -1;
	*state = &f;
	return 0;
}

static inline int teardown(void **state)
{
	struct fx *f = *state;
	int leaked = fw_delete(f->fw);
	baseline_check(&f->base);
	return leaked;
}

#endif
