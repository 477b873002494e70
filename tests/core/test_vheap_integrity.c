/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * vheap header integrity sweep (issue 9, item 4): corrupt one random byte of
 * a random block's header (live blocks: the 8-byte header; free blocks: the
 * header and the list links), then run the operation that must act on that
 * block and check that the heap refuses: free of the live block itself, free
 * of a free block's physical neighbour, and an allocation that takes the
 * free block. Detected means the operation failed with -EFAULT (or NULL) and
 * the corruption was counted; vheap_validate() must fail as well. Guard bytes
 * around the span prove nothing outside it is written. Prints the rate;
 * asserts >= 99.9 %.
 *
 * This test knows the documented block layout (docs/vheap.md): it walks
 * blocks by the size in their first header word.
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include <vregion/vheap.h>

#include "vheap_test_util.h"

#ifndef VHEAP_INTEGRITY_TRIALS
#define VHEAP_INTEGRITY_TRIALS 100000u
#endif
#define SPAN_BYTES 2048
#define GUARD 64
#define MAX_BLOCKS (SPAN_BYTES / VHEAP_MIN_BLOCK)

static _Alignas(64) unsigned char arena[GUARD + SPAN_BYTES + GUARD];
static unsigned char *const span = arena + GUARD;
static struct vheap heap;
static uint64_t rng = 0xC0FFEE123456789ULL;

struct blk {
	unsigned char *hdr;
	size_t size;
	bool used;
};

static uint32_t word_at(const unsigned char *p)
{
	uint32_t w = 0;
	for (int i = 0; i < 4; i++)
		w |= (uint32_t)meta_get(p + i) << (8 * i);
	return w; /* little-endian hosts and targets */
}

static size_t walk(struct blk *b)
{
	size_t n = 0, off = VHEAP_HEADER; /* the first header; offsets run to heap.end */
	while (off < heap.end) {
		uint32_t w0 = word_at(heap.base + off);
		b[n].hdr = heap.base + off;
		b[n].size = w0 & ~(uint32_t)(VHEAP_ALIGN - 1);
		b[n].used = w0 & 1u;
		assert_true(b[n].size >= VHEAP_MIN_BLOCK);
		off += b[n].size;
		n++;
	}
	return n;
}

/* A random heap state: live blocks with random sizes, some freed. */
static void build(void)
{
	void *p[32];
	size_t n = 0;
	memset(arena, 0x5A, sizeof(arena));
	assert_int_equal(vheap_init(&heap, span, SPAN_BYTES), 0);
	for (size_t i = 0; i < 32; i++) {
		p[n] = vheap_alloc(&heap, xs_range(&rng, 1, 120));
		if (p[n])
			n++;
	}
	for (size_t i = 0; i < n; i++) {
		if (xs_next(&rng) & 1)
			assert_int_equal(vheap_free(&heap, p[i]), 0);
	}
	assert_int_equal(vheap_validate(&heap), 0);
}

static bool guards_intact(void)
{
	for (size_t i = 0; i < GUARD; i++) {
		if (arena[i] != 0x5A || arena[GUARD + SPAN_BYTES + i] != 0x5A)
			return false;
	}
	return true;
}

struct tally {
	unsigned trials, detected, validate_caught;
	unsigned live, free_hdr, free_link;
};

/* Corrupt one byte; run the operation that depends on it; true if refused. */
static bool trial(struct tally *t)
{
	static struct blk b[MAX_BLOCKS];
	build();
	size_t n = walk(b), k = xs_range(&rng, 0, (uint32_t)n - 1);
	size_t bytes = b[k].used ? VHEAP_HEADER : 16;
	size_t at = xs_range(&rng, 0, (uint32_t)bytes - 1);
	meta_xor(b[k].hdr + at, (unsigned char)xs_range(&rng, 1, 255));
	if (b[k].used)
		t->live++;
	else if (at < VHEAP_HEADER)
		t->free_hdr++;
	else
		t->free_link++;

	struct vheap_stats st;
	vheap_stats(&heap, &st);
	size_t before = st.corruptions;
	bool refused;
	if (b[k].used) {
		refused = vheap_free(&heap, b[k].hdr + VHEAP_HEADER) == -EFAULT;
	} else if (k > 0) {
		/* Its predecessor is used (free blocks never touch): free it. */
		refused = vheap_free(&heap, b[k - 1].hdr + VHEAP_HEADER) == -EFAULT;
	} else if (k + 1 < n) {
		refused = vheap_free(&heap, b[k + 1].hdr + VHEAP_HEADER) == -EFAULT;
	} else {
		refused = vheap_alloc(&heap, 1) == NULL;
	}
	vheap_stats(&heap, &st);
	refused = refused && st.corruptions > before;
	if (vheap_validate(&heap) == -EFAULT)
		t->validate_caught++;
	/* Whatever happened, more traffic must stay inside the span. */
	for (int i = 0; i < 4; i++) {
		void *p = vheap_alloc(&heap, xs_range(&rng, 1, 200));
		if (p && (xs_next(&rng) & 1))
			(void)vheap_free(&heap, p);
	}
	assert_true(guards_intact());
	vheap_fini(&heap);
	t->trials++;
	return refused;
}

static void test_single_byte_sweep(void **state)
{
	(void)state;
	struct tally t = {0};
	for (unsigned i = 0; i < VHEAP_INTEGRITY_TRIALS; i++) {
		if (trial(&t))
			t.detected++;
	}
	double rate = 100.0 * t.detected / t.trials;
	print_message("vheap integrity: %u single-byte corruptions (%u live headers, %u free "
		      "headers, %u free links): detected before use %u (%.3f %%), "
		      "validate caught %u\n",
		      t.trials, t.live, t.free_hdr, t.free_link, t.detected, rate,
		      t.validate_caught);
	assert_true(t.detected * 1000ull >= t.trials * 999ull);
	assert_int_equal(t.validate_caught, t.trials);
}

/* An overflow that writes a whole header (8 arbitrary bytes) is refused too. */
static void test_header_overwrite(void **state)
{
	(void)state;
	unsigned refused = 0, trials = VHEAP_INTEGRITY_TRIALS / 10;
	static struct blk b[MAX_BLOCKS];
	for (unsigned i = 0; i < trials; i++) {
		build();
		size_t n = walk(b), k = xs_range(&rng, 1, (uint32_t)n - 1);
		if (!b[k].used || !b[k - 1].used) {
			vheap_fini(&heap);
			i--;
			continue;
		}
		/* The module owning block k-1 runs past its end into k's header. */
		for (size_t j = 0; j < VHEAP_HEADER; j++)
			meta_xor(b[k].hdr + j, (unsigned char)xs_next(&rng));
		int rc = vheap_free(&heap, b[k - 1].hdr + VHEAP_HEADER);
		int rc2 = vheap_free(&heap, b[k].hdr + VHEAP_HEADER);
		if (rc == -EFAULT && rc2 != 0)
			refused++;
		assert_true(guards_intact());
		vheap_fini(&heap);
	}
	print_message("vheap integrity: %u whole-header overwrites: refused %u\n", trials,
		      refused);
	assert_int_equal(refused, trials);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_single_byte_sweep),
		cmocka_unit_test(test_header_overwrite),
	};
	return cmocka_run_group_tests_name("vheap_integrity", tests, NULL, NULL);
}
