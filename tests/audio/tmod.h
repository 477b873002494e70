/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The framework tests' module type ("tmod", id TMOD_ID): lifetime memory at
 * init, interim memory on configuration. Its role follows its pins: with no
 * input it generates a counting sequence (one 32-bit word per sample),
 * with no output it checks the sequence, otherwise it copies one period.
 */
#ifndef TESTS_AUDIO_TMOD_H
#define TESTS_AUDIO_TMOD_H

#include <stdint.h>
#include <pthread.h>

#include <vregion/audio/fw.h>

#define TMOD_ID 100u
#define TMOD_PERIOD_FRAMES 48u
#define TMOD_CHANNELS 2u
#define TMOD_PERIOD_BYTES (TMOD_PERIOD_FRAMES * TMOD_CHANNELS * 4u)

/* init_data flags */
#define TMOD_FAIL_INIT    (1u << 0) /* allocate, then fail init halfway */
#define TMOD_FAIL_PREPARE (1u << 1)
#define TMOD_FAIL_BIND    (1u << 2) /* refuse buffers bound to its input */
#define TMOD_SCRATCH      (1u << 3) /* each period: interim block and fast-get round trip */

struct tmod_init {
	uint32_t flags;
	uint32_t lifetime_bytes; /* extra lifetime allocation at init */
};

struct tmod_priv {
	uint8_t *state;          /* lifetime, from init */
	uint8_t *coef;           /* interim, from set_configuration */
	size_t coef_size;
	uint32_t flags;
	uint32_t next;           /* next sequence value (generator/checker) */
	uint64_t processed;
	uint64_t bad;            /* checker: samples out of sequence */
	uint64_t checked;        /* checker: samples checked */
	uint64_t prepares, resets;
	uint64_t binds, unbinds;  /* hook calls (either side) */
	uint64_t scratch_failures;
	uint64_t order;          /* global order stamp of the last process */
	char thread_name[16];
	size_t thread_stack;
	const void *table;       /* a fast-get table, from init */
};

extern const struct module_type tmod_type;

/* Stamp source for ordering checks. */
extern uint64_t tmod_order_clock;

/* Params for a tmod instance. */
struct fw_module_params tmod_params(uint32_t instance, uint32_t pipeline,
				    enum module_domain domain, const struct tmod_init *init);

static inline struct tmod_priv *tmod_priv(struct processing_module *m)
{
	return m->priv;
}

#endif
