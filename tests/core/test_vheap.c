/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * vheap contract tests: init rules and the minimum span, alloc/free and
 * coalescing, every alignment, exhaustion, bad frees refused without
 * change, header corruption detected before use, largest_free and peak.
 * The heap is validated after every step.
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

#define SPAN_BYTES (64 * 1024)
#define GUARD 64
static _Alignas(4096) unsigned char arena[GUARD + SPAN_BYTES + GUARD];
static unsigned char *const span = arena + GUARD;
static struct vheap heap;

#define VALID(h) assert_int_equal(vheap_validate(h), 0)

static struct vheap_stats stats(const struct vheap *h)
{
	struct vheap_stats st;
	memset(&st, 0xA5, sizeof(st));
	vheap_stats(h, &st);
	return st;
}

static int setup(void **state)
{
	(void)state;
	memset(arena, 0x5A, sizeof(arena));
	return vheap_init(&heap, span, SPAN_BYTES);
}

static int teardown(void **state)
{
	(void)state;
	vheap_fini(&heap);
	/* Nothing outside the span was ever written. */
	for (size_t i = 0; i < GUARD; i++) {
		if (arena[i] != 0x5A || arena[GUARD + SPAN_BYTES + i] != 0x5A)
			return -1;
	}
	return 0;
}

static void test_init_rules(void **state)
{
	(void)state;
	static _Alignas(VHEAP_ALIGN) unsigned char tiny[VHEAP_MIN_SPAN + VHEAP_ALIGN];
	struct vheap h;
	assert_int_equal(vheap_init(NULL, tiny, sizeof(tiny)), -EINVAL);
	assert_int_equal(vheap_init(&h, NULL, sizeof(tiny)), -EINVAL);
	assert_int_equal(vheap_init(&h, tiny, 0), -EINVAL);
	assert_int_equal(vheap_init(&h, tiny, VHEAP_MIN_SPAN - 1), -EINVAL);
	/* One past an aligned address needs more than VHEAP_MIN_SPAN. */
	assert_int_equal(vheap_init(&h, tiny + VHEAP_ALIGN / 2 + 1, VHEAP_MIN_SPAN), -EINVAL);
	/* Too large for the 32-bit encoding: refused before touching memory. */
	assert_int_equal(vheap_init(&h, tiny, VHEAP_MAX_SPAN + 2 * VHEAP_ALIGN), -EINVAL);

	/* Exactly VHEAP_MIN_SPAN bytes: a heap with one small block. */
	assert_int_equal(vheap_init(&h, tiny, VHEAP_MIN_SPAN), 0);
	VALID(&h);
	struct vheap_stats st = stats(&h);
	assert_int_equal(st.span, VHEAP_MIN_BLOCK);
	assert_int_equal(st.used, 0);
	assert_int_equal(st.largest_free, VHEAP_MIN_BLOCK - VHEAP_HEADER);
	assert_true(VHEAP_MIN_SPAN <= 64);
	unsigned char *p = vheap_alloc(&h, 8);
	assert_non_null(p);
	assert_int_equal((uintptr_t)p % VHEAP_ALIGN, 0);
	assert_true(vheap_contains(&h, p));
	memset(p, 0xEE, 8);
	assert_int_equal(vheap_usable_size(&h, p), VHEAP_MIN_BLOCK - VHEAP_HEADER);
	assert_null(vheap_alloc(&h, 1));
	VALID(&h);
	assert_int_equal(stats(&h).used, VHEAP_MIN_BLOCK);
	assert_int_equal(stats(&h).largest_free, 0);
	assert_int_equal(vheap_free(&h, p), 0);
	VALID(&h);
	/* The whole block is available again. */
	assert_non_null(p = vheap_alloc(&h, VHEAP_MIN_BLOCK - VHEAP_HEADER));
	assert_int_equal(vheap_free(&h, p), 0);
	vheap_fini(&h);

	/* A misaligned buffer is trimmed: payloads stay aligned. */
	assert_int_equal(vheap_init(&h, tiny + 3, sizeof(tiny) - 3), 0);
	assert_true(stats(&h).span >= VHEAP_MIN_BLOCK);
	assert_int_equal(stats(&h).span % VHEAP_ALIGN, 0);
	assert_non_null(p = vheap_alloc(&h, 4));
	assert_int_equal((uintptr_t)p % VHEAP_ALIGN, 0);
	assert_true(p >= tiny + 3 && p + 4 <= tiny + sizeof(tiny));
	assert_int_equal(vheap_free(&h, p), 0);
	VALID(&h);
	vheap_fini(&h);
}

/*
 * A heap runs in a control block of vheap_control_size() bytes, shorter than
 * struct vheap, and touches nothing past it (guard bytes, poisoned for ASan).
 */
static void test_sized_control(void **state)
{
	(void)state;
	static _Alignas(16) unsigned char ctl[sizeof(struct vheap) + GUARD];
	static _Alignas(16) unsigned char mem[4096];
	struct vheap *h = (struct vheap *)(void *)ctl;
	size_t need = vheap_control_size(sizeof(mem));
	print_message("vheap control block: %zu bytes for a 4 KiB span, %zu for the "
		      "smallest, %zu at most (sizeof(struct vheap))\n",
		      need, vheap_control_size(VHEAP_MIN_SPAN), sizeof(struct vheap));
	assert_true(need < sizeof(struct vheap) / 2);
	/* Monotonic in the span, capped by the whole structure. */
	size_t last = 0;
	for (size_t b = 1; b < ((size_t)1 << 30); b = b * 3 / 2 + 1) {
		size_t c = vheap_control_size(b);
		assert_true(c >= last);
		assert_true(c <= sizeof(struct vheap));
		last = c;
	}
	assert_true(vheap_control_size(SIZE_MAX) <= sizeof(struct vheap));
	assert_true(vheap_control_size(SIZE_MAX) + 8 > sizeof(struct vheap));

	assert_int_equal(vheap_init_sized(h, need - 1, mem, sizeof(mem)), -EINVAL);
	assert_int_equal(vheap_init_sized(NULL, need, mem, sizeof(mem)), -EINVAL);
	memset(ctl + need, 0x5A, sizeof(ctl) - need);
#if defined(VREGION_ASAN)
	ASAN_POISON_MEMORY_REGION(ctl + need, sizeof(ctl) - need);
#endif
	assert_int_equal(vheap_init_sized(h, need, mem, sizeof(mem)), 0);
	VALID(h);
	void *p[64] = {0};
	uint32_t r = 12345;
	for (int step = 0; step < 4000; step++) {
		r = r * 1103515245u + 12345u;
		unsigned k = (r >> 8) % 64u;
		if (p[k]) {
			assert_int_equal(vheap_free(h, p[k]), 0);
			p[k] = NULL;
		} else {
			size_t n = 1 + (r >> 16) % 400u, align = (size_t)1 << ((r >> 4) % 9u);
			p[k] = (r & 1u) ? vheap_alloc(h, n) : vheap_alloc_align(h, n, align);
			if (p[k]) {
				assert_int_equal((uintptr_t)p[k] % ((r & 1u) ? VHEAP_ALIGN : align), 0);
				assert_true(vheap_usable_size(h, p[k]) >= n);
				memset(p[k], 0xC3, n);
			}
		}
		if (step % 64 == 0)
			VALID(h);
	}
	/* Fill to exhaustion, then empty: the whole span comes back as one block. */
	for (unsigned k = 0; k < 64; k++) {
		if (!p[k])
			p[k] = vheap_alloc(h, 64);
	}
	for (unsigned k = 0; k < 64; k++)
		assert_int_equal(vheap_free(h, p[k]), 0);
	VALID(h);
	assert_int_equal(stats(h).used, 0);
	assert_int_equal(stats(h).largest_free, stats(h).span - VHEAP_HEADER);
	assert_non_null(p[0] = vheap_alloc(h, stats(h).span - VHEAP_HEADER));
	assert_int_equal(vheap_free(h, p[0]), 0);
	vheap_fini(h);
#if defined(VREGION_ASAN)
	ASAN_UNPOISON_MEMORY_REGION(ctl + need, sizeof(ctl) - need);
#endif
	for (size_t i = need; i < sizeof(ctl); i++)
		assert_int_equal(ctl[i], 0x5A);
}

static void test_alloc_free_basic(void **state)
{
	(void)state;
	struct vheap_stats st = stats(&heap);
	assert_true(st.span > SPAN_BYTES - 2 * VHEAP_ALIGN && st.span <= SPAN_BYTES);
	assert_int_equal(st.free_bytes, st.span);
	assert_int_equal(st.largest_free, st.span - VHEAP_HEADER);
	assert_null(vheap_alloc(&heap, 0));
	assert_int_equal(stats(&heap).alloc_failures, 0);

	unsigned char *p[40];
	size_t used = 0;
	for (size_t i = 0; i < 40; i++) {
		size_t n = 1 + i * 37;
		p[i] = vheap_alloc(&heap, n);
		assert_non_null(p[i]);
		assert_int_equal((uintptr_t)p[i] % VHEAP_ALIGN, 0);
		assert_true(vheap_contains(&heap, p[i]));
		assert_true(p[i] >= span && p[i] + n <= span + SPAN_BYTES);
		size_t u = vheap_usable_size(&heap, p[i]);
		assert_true(u >= n && u < n + VHEAP_MIN_BLOCK);
		memset(p[i], (int)i, n);
		used += u + VHEAP_HEADER;
		VALID(&heap);
	}
	st = stats(&heap);
	assert_int_equal(st.used, used);
	assert_int_equal(st.peak, used);
	assert_int_equal(st.live_blocks, 40);
	assert_int_equal(st.free_bytes, st.span - used);
	for (size_t i = 0; i < 40; i += 2) {
		for (size_t k = 0; k < 1 + i * 37; k++)
			assert_int_equal(p[i][k], (unsigned char)i);
		assert_int_equal(vheap_free(&heap, p[i]), 0);
		VALID(&heap);
	}
	for (size_t i = 1; i < 40; i += 2) {
		assert_int_equal(vheap_free(&heap, p[i]), 0);
		VALID(&heap);
	}
	st = stats(&heap);
	assert_int_equal(st.used, 0);
	assert_int_equal(st.live_blocks, 0);
	assert_int_equal(st.peak, used);
	assert_int_equal(st.largest_free, st.span - VHEAP_HEADER);
	assert_int_equal(vheap_free(&heap, NULL), 0);
	assert_int_equal(stats(&heap).invalid_frees, 0);
}

/* Four blocks fill the span; free patterns must merge back to one block. */
static void test_coalesce(void **state)
{
	(void)state;
	static const int orders[][4] = {
		{0, 1, 2, 3}, {3, 2, 1, 0}, {1, 3, 2, 0}, {0, 2, 1, 3}, {2, 0, 3, 1}, {1, 2, 0, 3},
	};
	size_t total = stats(&heap).span;
	size_t q = (total / 4) & ~(size_t)(VHEAP_ALIGN - 1);
	for (size_t o = 0; o < sizeof(orders) / sizeof(orders[0]); o++) {
		unsigned char *b[4];
		for (int i = 0; i < 3; i++)
			assert_non_null(b[i] = vheap_alloc(&heap, q - VHEAP_HEADER));
		size_t last = stats(&heap).largest_free;
		assert_int_equal(last, total - 3 * q - VHEAP_HEADER);
		assert_non_null(b[3] = vheap_alloc(&heap, last));
		assert_int_equal(stats(&heap).largest_free, 0);
		assert_int_equal(stats(&heap).used, total);
		assert_null(vheap_alloc(&heap, 1));
		VALID(&heap);
		for (int i = 0; i < 4; i++) {
			int k = orders[o][i];
			assert_int_equal(vheap_free(&heap, b[k]), 0);
			VALID(&heap);
			/* The freed run around k is one block: it can be allocated whole. */
		}
		struct vheap_stats st = stats(&heap);
		assert_int_equal(st.used, 0);
		assert_int_equal(st.largest_free, total - VHEAP_HEADER);
	}
	/* Middle block freed: its neighbours merge into it when freed. */
	unsigned char *a = vheap_alloc(&heap, 100), *b = vheap_alloc(&heap, 200),
		      *c = vheap_alloc(&heap, 300);
	assert_int_equal(vheap_free(&heap, b), 0);
	assert_int_equal(vheap_free(&heap, a), 0);
	VALID(&heap);
	/* a + b merged: one block, reusable in one piece at a's address. */
	size_t ab = (size_t)(c - a) - VHEAP_HEADER;
	unsigned char *d = vheap_alloc(&heap, ab);
	assert_ptr_equal(d, a);
	assert_int_equal(vheap_usable_size(&heap, d), ab);
	assert_int_equal(vheap_free(&heap, d), 0);
	assert_int_equal(vheap_free(&heap, c), 0);
	VALID(&heap);
	assert_int_equal(stats(&heap).largest_free, total - VHEAP_HEADER);
}

static void test_alignment(void **state)
{
	(void)state;
	unsigned char *keep[32];
	size_t nkeep = 0;
	for (size_t align = 1; align <= 8192; align <<= 1) {
		for (size_t n = 1; n <= 300; n += 99) {
			unsigned char *p = vheap_alloc_align(&heap, n, align);
			assert_non_null(p);
			size_t want = align < VHEAP_ALIGN ? VHEAP_ALIGN : align;
			assert_int_equal((uintptr_t)p % want, 0);
			assert_true(vheap_usable_size(&heap, p) >= n);
			memset(p, 0x11, n);
			VALID(&heap);
			if (nkeep < 32 && (n & 1))
				keep[nkeep++] = p; /* leave some live to shift later offsets */
			else
				assert_int_equal(vheap_free(&heap, p), 0);
			VALID(&heap);
		}
	}
	/* 0 means natural; a non-power of two is refused, not counted. */
	unsigned char *p = vheap_alloc_align(&heap, 24, 0);
	assert_non_null(p);
	assert_int_equal(vheap_free(&heap, p), 0);
	size_t fails = stats(&heap).alloc_failures;
	assert_null(vheap_alloc_align(&heap, 16, 3));
	assert_null(vheap_alloc_align(&heap, 16, 48));
	assert_null(vheap_alloc_align(&heap, 16, 4097));
	assert_int_equal(stats(&heap).alloc_failures, fails);
	/* An alignment larger than the span cannot be met: a counted failure. */
	assert_null(vheap_alloc_align(&heap, 16, (size_t)1 << 20));
	assert_int_equal(stats(&heap).alloc_failures, fails + 1);
	for (size_t i = 0; i < nkeep; i++)
		assert_int_equal(vheap_free(&heap, keep[i]), 0);
	VALID(&heap);
	assert_int_equal(stats(&heap).used, 0);
	assert_int_equal(stats(&heap).largest_free, stats(&heap).span - VHEAP_HEADER);
}

static void test_exhaustion(void **state)
{
	(void)state;
	static unsigned char *p[SPAN_BYTES / VHEAP_MIN_BLOCK];
	size_t n = 0, fails = stats(&heap).alloc_failures;
	assert_null(vheap_alloc(&heap, SIZE_MAX));
	assert_null(vheap_alloc(&heap, SIZE_MAX - 4));
	assert_null(vheap_alloc(&heap, SPAN_BYTES));
	assert_null(vheap_alloc_align(&heap, SIZE_MAX - 100, 64));
	assert_int_equal(stats(&heap).alloc_failures, fails + 4);
	while ((p[n] = vheap_alloc(&heap, 200)) != NULL)
		n++;
	assert_int_equal(stats(&heap).alloc_failures, fails + 5);
	VALID(&heap);
	struct vheap_stats st = stats(&heap);
	assert_true(st.largest_free < 200);
	/* The tail still serves what largest_free promises, and no more. */
	if (st.largest_free) {
		assert_null(vheap_alloc(&heap, st.largest_free + 1));
		assert_non_null(p[n] = vheap_alloc(&heap, st.largest_free));
		n++;
	}
	assert_int_equal(stats(&heap).largest_free, 0);
	assert_true(stats(&heap).used == stats(&heap).span);
	for (size_t i = 0; i < n; i += 3)
		assert_int_equal(vheap_free(&heap, p[i]), 0);
	VALID(&heap);
	for (size_t i = 0; i < n; i++) {
		if (i % 3)
			assert_int_equal(vheap_free(&heap, p[i]), 0);
	}
	VALID(&heap);
	assert_int_equal(stats(&heap).largest_free, stats(&heap).span - VHEAP_HEADER);
}

static void assert_same(const struct vheap_stats *a, const struct vheap_stats *b)
{
	assert_int_equal(a->used, b->used);
	assert_int_equal(a->peak, b->peak);
	assert_int_equal(a->largest_free, b->largest_free);
	assert_int_equal(a->live_blocks, b->live_blocks);
	assert_int_equal(a->alloc_failures, b->alloc_failures);
	assert_int_equal(a->corruptions, b->corruptions);
}

static void test_bad_frees(void **state)
{
	(void)state;
	static unsigned char outside[64];
	unsigned char *a = vheap_alloc(&heap, 64), *b = vheap_alloc(&heap, 64),
		      *c = vheap_alloc(&heap, 64), *d = vheap_alloc(&heap, 64);
	memset(a, 0, 64);
	memset(b, 0xFF, 64);
	memset(c, 0x3C, 64);
	assert_int_equal(vheap_free(&heap, c), 0); /* c: a free block between b and d */
	struct vheap_stats before = stats(&heap);
	unsigned char *bad[] = {
		a + 1, a + 4, a + VHEAP_ALIGN, a + 32, /* misaligned and interior */
		b + VHEAP_ALIGN, b + 48,              /* interior, user data 0xFF */
		c,                                     /* double free of a free block */
		c + VHEAP_ALIGN,                       /* inside a free block */
		outside, outside + 16,                 /* foreign */
		span, span + SPAN_BYTES, span + SPAN_BYTES - VHEAP_ALIGN, /* edges */
		(unsigned char *)&heap,
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(vheap_free(&heap, bad[i]), -EINVAL);
		assert_int_equal(vheap_usable_size(&heap, bad[i]), 0);
		VALID(&heap);
	}
	struct vheap_stats after = stats(&heap);
	assert_same(&before, &after);
	assert_int_equal(after.invalid_frees, before.invalid_frees + sizeof(bad) / sizeof(bad[0]));
	assert_int_equal(memcmp(a, (unsigned char[64]){0}, 64), 0);

	/* Double free after the block merged into its free predecessor. */
	assert_int_equal(vheap_free(&heap, d), 0); /* merges into c */
	before = stats(&heap);
	assert_int_equal(vheap_free(&heap, d), -EINVAL);
	assert_int_equal(vheap_free(&heap, c), -EINVAL);
	assert_int_equal(vheap_free(&heap, b), 0);
	assert_int_equal(vheap_free(&heap, b), -EINVAL);
	assert_int_equal(vheap_free(&heap, a), 0);
	assert_int_equal(vheap_free(&heap, a), -EINVAL);
	VALID(&heap);
	after = stats(&heap);
	assert_int_equal(after.invalid_frees, before.invalid_frees + 4);
	assert_int_equal(after.used, 0);
	assert_int_equal(after.corruptions, 0);
}

/*
 * A double free is never mistaken for a corruption, whatever the freed
 * block's list links are (first, middle, last or only block of its list, at
 * any offset): -EINVAL every time, and nothing counted as corrupted.
 */
static void test_double_free_is_invalid(void **state)
{
	(void)state;
	static void *p[96];
	uint32_t r = 777;
	unsigned refused = 0;
	vheap_fini(&heap); /* setup's heap: each round below makes its own */
	for (int round = 0; round < 40; round++) {
		assert_int_equal(vheap_init(&heap, span, 8192 + 64u * (unsigned)round), 0);
		for (unsigned k = 0; k < 96; k++) {
			r = r * 1103515245u + 12345u;
			p[k] = vheap_alloc(&heap, 1 + (r >> 16) % 160u);
		}
		for (unsigned k = 0; k < 96; k++) {
			r = r * 1103515245u + 12345u;
			if (p[k] && (r >> 20) % 3u == 0) {
				assert_int_equal(vheap_free(&heap, p[k]), 0);
				assert_int_equal(vheap_free(&heap, p[k]), -EINVAL);
				refused++;
				p[k] = NULL;
			}
		}
		VALID(&heap);
		/* Again once the lists have settled: every freed block, in any list position. */
		for (unsigned k = 0; k < 96; k++) {
			if (p[k] && (k & 1u)) {
				assert_int_equal(vheap_free(&heap, p[k]), 0);
				refused++;
				assert_int_equal(vheap_free(&heap, p[k]), -EINVAL);
			}
		}
		struct vheap_stats st = stats(&heap);
		assert_int_equal(st.corruptions, 0);
		assert_int_equal(st.invalid_frees, refused);
		VALID(&heap);
		refused = 0;
		vheap_fini(&heap);
	}
}

/* Flip byte @i of the header in front of @p. */
static void flip_header(unsigned char *p, size_t i, unsigned char x)
{
	meta_xor(p - VHEAP_HEADER + i, x);
}

static void test_corrupt_live_header(void **state)
{
	(void)state;
	for (size_t i = 0; i < VHEAP_HEADER; i++) {
		for (unsigned x = 1; x < 256; x <<= 1) {
			assert_int_equal(vheap_init(&heap, span, SPAN_BYTES), 0);
			unsigned char *a = vheap_alloc(&heap, 100), *b = vheap_alloc(&heap, 100);
			unsigned char *c = vheap_alloc(&heap, 100);
			assert_non_null(c);
			flip_header(b, i, (unsigned char)x);
			assert_int_equal(vheap_validate(&heap), -EFAULT);
			/* Freeing the damaged block itself. */
			assert_int_equal(vheap_free(&heap, b), -EFAULT);
			assert_int_equal(stats(&heap).corruptions, 1);
			assert_int_equal(vheap_usable_size(&heap, b), 0);
			/* Freeing its predecessor must not act on it either... */
			assert_int_equal(vheap_free(&heap, a), -EFAULT);
			/* ...while its successor never looks at it (b is not free). */
			assert_int_equal(vheap_free(&heap, c), 0);
			struct vheap_stats st = stats(&heap);
			assert_int_equal(st.corruptions, 2);
			assert_int_equal(st.live_blocks, 2);
			assert_int_equal(st.invalid_frees, 0);
		}
	}
}

static void test_corrupt_free_header(void **state)
{
	(void)state;
	/* Bytes 0..7 header, 8..15 the list links of a free block. */
	for (size_t i = 0; i < 16; i++) {
		for (unsigned x = 1; x < 256; x <<= 1) {
			assert_int_equal(vheap_init(&heap, span, SPAN_BYTES), 0);
			unsigned char *a = vheap_alloc(&heap, 100), *b = vheap_alloc(&heap, 100);
			unsigned char *c = vheap_alloc(&heap, 100), *d = vheap_alloc(&heap, 100);
			assert_non_null(vheap_alloc(&heap, 100)); /* keeps d and e apart */
			unsigned char *e = vheap_alloc(&heap, 300);
			assert_non_null(vheap_alloc(&heap, 100));
			assert_int_equal(vheap_free(&heap, e), 0); /* another list member */
			assert_int_equal(vheap_free(&heap, b), 0);
			assert_int_equal(vheap_free(&heap, d), 0); /* b and d share a list */
			VALID(&heap);
			assert_int_equal(stats(&heap).live_blocks, 4);
			flip_header(b, i, (unsigned char)x);
			assert_int_equal(vheap_validate(&heap), -EFAULT);
			/*
			 * Allocations from b's class take d (whose link to b is
			 * patched, keeping b's check broken) but never hand out b;
			 * freeing b's physical neighbour refuses to merge with it.
			 */
			for (int k = 0; k < 3; k++)
				assert_ptr_not_equal(vheap_alloc(&heap, 100), b);
			assert_int_equal(vheap_free(&heap, a), -EFAULT);
			struct vheap_stats st = stats(&heap);
			assert_true(st.corruptions >= 1);
			assert_int_equal(st.invalid_frees, 0);
			(void)c;
		}
	}
}

static void test_largest_free_and_peak(void **state)
{
	(void)state;
	uint64_t seed = 0x1234567;
	unsigned char *p[64] = {0};
	size_t peak = 0;
	for (int round = 0; round < 2000; round++) {
		size_t i = xs_range(&seed, 0, 63);
		if (p[i]) {
			assert_int_equal(vheap_free(&heap, p[i]), 0);
			p[i] = NULL;
		} else {
			p[i] = vheap_alloc(&heap, xs_range(&seed, 1, 4000));
		}
		struct vheap_stats st = stats(&heap);
		if (st.used > peak)
			peak = st.used;
		assert_int_equal(st.peak, peak);
		/* The probes below raise the peak by exactly what they hold. */
		if (st.largest_free && (round % 7) == 0)
			peak = st.used + st.largest_free + VHEAP_HEADER > peak
				       ? st.used + st.largest_free + VHEAP_HEADER
				       : peak;
		/* largest_free is exact: it succeeds, one byte more class-rounds away. */
		if (st.largest_free && (round % 7) == 0) {
			unsigned char *q = vheap_alloc(&heap, st.largest_free);
			assert_non_null(q);
			assert_int_equal(vheap_free(&heap, q), 0);
			if (round % 14 == 0) {
				size_t fails = stats(&heap).alloc_failures;
				q = vheap_alloc(&heap, st.largest_free + VHEAP_ALIGN);
				if (q) {
					size_t u = stats(&heap).used;
					peak = u > peak ? u : peak;
					assert_int_equal(vheap_free(&heap, q), 0);
				}
				else
					assert_int_equal(stats(&heap).alloc_failures, fails + 1);
			}
		}
		if (round % 50 == 0)
			VALID(&heap);
	}
	for (size_t i = 0; i < 64; i++)
		assert_int_equal(vheap_free(&heap, p[i]), 0);
	VALID(&heap);
	assert_int_equal(stats(&heap).peak, peak);
}

static void test_null_heap(void **state)
{
	(void)state;
	struct vheap_stats st;
	memset(&st, 0x7E, sizeof(st));
	assert_null(vheap_alloc(NULL, 8));
	assert_null(vheap_alloc_align(NULL, 8, 64));
	assert_int_equal(vheap_free(NULL, span), -EINVAL);
	assert_int_equal(vheap_usable_size(NULL, span), 0);
	assert_false(vheap_contains(NULL, span));
	vheap_stats(NULL, &st);
	vheap_stats(&heap, NULL);
	assert_int_equal(st.used, (size_t)0x7E7E7E7E7E7E7E7EULL);
	assert_int_equal(vheap_validate(NULL), -EFAULT);
	void *p = vheap_alloc(&heap, 10);
	assert_true(vheap_contains(&heap, p));
	assert_true(vheap_contains(&heap, span + 100));
	assert_false(vheap_contains(&heap, span - 1));
	assert_false(vheap_contains(&heap, span + SPAN_BYTES));
	assert_false(vheap_contains(&heap, &heap));
	assert_int_equal(vheap_free(&heap, p), 0);
}

/*
 * Sanitizer visibility (ASan build, or this test run under valgrind): only
 * the requested bytes of a block are addressable; headers, the rounding
 * slack, free blocks and freed blocks are not. Skipped elsewhere.
 */
static void test_poisoning(void **state)
{
	(void)state;
	if (!poison_visible()) {
		skip();
		return;
	}
	unsigned char *p = vheap_alloc(&heap, 13), *q = vheap_alloc_align(&heap, 64, 256);
	unsigned char *r = vheap_alloc(&heap, 2 * VHEAP_ALIGN);
	assert_non_null(r);
	for (size_t i = 0; i < 13; i++)
		assert_true(addressable(p + i));
	assert_false(addressable(p + 13));   /* one byte past: the rounding slack */
	assert_false(addressable(p - 1));    /* its header */
	assert_false(addressable(q - 1));    /* the aligned block's header */
	assert_false(addressable(q - 16));   /* and the gap before it, a free block */
	assert_true(addressable(q + 63));
	assert_false(addressable(r + 2 * VHEAP_ALIGN)); /* no slack: the next header */
	memset(p, 1, 13);
	memset(q, 2, 64);
	assert_int_equal(vheap_free(&heap, q), 0);
	assert_false(addressable(q));
	assert_false(addressable(q + 63));
	assert_int_equal(vheap_free(&heap, p), 0);
	assert_false(addressable(p));
	assert_int_equal(vheap_free(&heap, r), 0);
	assert_false(addressable(r));
	VALID(&heap);
	/* vheap_fini gives the whole span back to its owner. */
	vheap_fini(&heap);
	assert_true(addressable(span));
	assert_true(addressable(p - 1));
	assert_true(addressable(span + SPAN_BYTES - 1));
	assert_int_equal(vheap_init(&heap, span, SPAN_BYTES), 0);
	assert_false(addressable(span + 100));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_init_rules),
		cmocka_unit_test(test_sized_control),
		cmocka_unit_test_setup_teardown(test_alloc_free_basic, setup, teardown),
		cmocka_unit_test_setup_teardown(test_coalesce, setup, teardown),
		cmocka_unit_test_setup_teardown(test_alignment, setup, teardown),
		cmocka_unit_test_setup_teardown(test_exhaustion, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_frees, setup, teardown),
		cmocka_unit_test_setup_teardown(test_double_free_is_invalid, setup, teardown),
		cmocka_unit_test_setup_teardown(test_corrupt_live_header, setup, teardown),
		cmocka_unit_test_setup_teardown(test_corrupt_free_header, setup, teardown),
		cmocka_unit_test_setup_teardown(test_largest_free_and_peak, setup, teardown),
		cmocka_unit_test_setup_teardown(test_null_heap, setup, teardown),
		cmocka_unit_test_setup_teardown(test_poisoning, setup, teardown),
	};
	return cmocka_run_group_tests_name("vheap", tests, NULL, NULL);
}
