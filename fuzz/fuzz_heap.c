/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Differential fuzzer of the heap and region API (libFuzzer, VREGION_FUZZ).
 *
 * The input is a program: a few set-up bytes (heap span, region pages), then
 * one operation per byte with its arguments from the following bytes. The
 * operations run on a vheap over a buffer with guard zones, and on a
 * vregion (lifetime, switch, interim), while a simple model keeps every block
 * the program owns with its size and fill byte. After every operation:
 *  - every live block still holds its fill (nobody else wrote it),
 *  - a new block lies inside its heap, is aligned as asked, overlaps no live
 *    block,
 *  - the heap's and the region's statistics agree with the model,
 *  - vheap_validate() passes and the guard zones around the span are intact;
 *  - refused frees (misaligned, double, foreign) return -EINVAL and change
 *    nothing.
 * At the end everything is freed and the heap, the region count and the
 * system heap are back where they started. Any violation aborts.
 */
#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <vregion/sysheap.h>
#include <vregion/vheap.h>
#include <vregion/vregion.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_LIVE 64
#define GUARD 64
#define GUARD_BYTE 0xA5
#define MAX_SPAN 65536u

enum owner { HEAP, LIFETIME, INTERIM };

struct blk {
	unsigned char *p;
	size_t n;
	unsigned char fill;
	enum owner who;
};

struct prog {
	const uint8_t *d;
	size_t left;
};

static struct blk live[MAX_LIVE];
static unsigned n_live;
static unsigned char arena[GUARD + MAX_SPAN + GUARD];

static void fail(const char *what, int line)
{
	fprintf(stderr, "fuzz_heap: %s (line %d)\n", what, line);
	abort();
}
#define CHECK(c) do { if (!(c)) fail(#c, __LINE__); } while (0)

static unsigned byte(struct prog *p)
{
	if (!p->left)
		return 0;
	p->left--;
	return *p->d++;
}

static unsigned u16(struct prog *p)
{
	unsigned lo = byte(p);

	return lo | byte(p) << 8;
}

static void check_contents(void)
{
	/* all bytes equal the first, and the first is the fill */
	for (unsigned i = 0; i < n_live; i++)
		CHECK(live[i].p[0] == live[i].fill &&
		      memcmp(live[i].p, live[i].p + 1, live[i].n - 1) == 0);
}

static void check_guards(void)
{
	for (size_t k = 0; k < GUARD; k++) {
		CHECK(arena[k] == GUARD_BYTE);
		CHECK(arena[GUARD + MAX_SPAN + k] == GUARD_BYTE);
	}
}

static size_t model_count(enum owner who, size_t *bytes)
{
	size_t c = 0, b = 0;

	for (unsigned i = 0; i < n_live; i++) {
		if (live[i].who == who) {
			c++;
			b += live[i].n;
		}
	}
	if (bytes)
		*bytes = b;
	return c;
}

/* A new block: inside [lo, hi), aligned, disjoint from every live block. */
static void add(unsigned char *p, size_t n, size_t align, enum owner who, const unsigned char *lo,
		const unsigned char *hi, unsigned fill)
{
	CHECK(p >= lo && p + n <= hi);
	CHECK(((uintptr_t)p & (align - 1)) == 0);
	for (unsigned i = 0; i < n_live; i++)
		CHECK(p + n <= live[i].p || live[i].p + live[i].n <= p);
	memset(p, (int)fill, n);
	if (n_live == MAX_LIVE)
		fail("model full", __LINE__); /* callers check first */
	live[n_live++] = (struct blk){ p, n, (unsigned char)fill, who };
}

static void drop(unsigned i)
{
	live[i] = live[--n_live];
}

/* Index of a live block of @who chosen by @sel, or -1. */
static int pick(unsigned sel, enum owner who)
{
	unsigned c = (unsigned)model_count(who, NULL);

	if (!c)
		return -1;
	sel %= c;
	for (unsigned i = 0; i < n_live; i++)
		if (live[i].who == who && sel-- == 0)
			return (int)i;
	return -1;
}

static void check_heap(struct vheap *h)
{
	struct vheap_stats st;
	size_t bytes, c = model_count(HEAP, &bytes);

	vheap_stats(h, &st);
	CHECK(st.live_blocks == c);
	CHECK(st.used >= bytes + c * VHEAP_HEADER);
	CHECK(st.used + st.free_bytes == st.span);
	CHECK(st.corruptions == 0);
	CHECK(vheap_validate(h) == 0);
}

static void check_region(struct vregion *vr)
{
	struct vregion_stats st;
	size_t bytes, c = model_count(INTERIM, &bytes);

	CHECK(vregion_stats(vr, &st) == 0);
	CHECK(st.use_count == 1);
	CHECK(st.corruptions == 0);
	CHECK(st.lifetime_used <= st.size);
	if (st.mode == VREGION_MEM_TYPE_INTERIM) {
		CHECK(st.interim_live_blocks == c);
		CHECK(st.interim_used >= bytes);
		CHECK(st.interim_used <= st.interim_size);
		CHECK(st.interim_peak >= st.interim_used);
		CHECK(st.lifetime_used + st.interim_size <= st.size);
	} else {
		CHECK(c == 0);
	}
}

/* vheap: alloc, aligned alloc, free, refused frees. */
static void heap_op(struct prog *p, struct vheap *h, unsigned op)
{
	struct vheap_stats before, after;
	size_t n = u16(p) % 2048;
	unsigned sel = byte(p);
	size_t align = VHEAP_ALIGN;
	unsigned char *q = NULL;
	int i;

	if (op < 2 && n_live == MAX_LIVE)
		return;
	switch (op) {
	case 0:
		q = vheap_alloc(h, n);
		break;
	case 1:
		align = (size_t)1 << (sel % 13);
		q = vheap_alloc_align(h, n, align);
		if (align < VHEAP_ALIGN)
			align = VHEAP_ALIGN;
		break;
	case 2:
		i = pick(sel, HEAP);
		if (i >= 0) {
			q = live[i].p;
			drop((unsigned)i);
			CHECK(vheap_free(h, q) == 0);
			/* a second free of the same pointer is refused, heap untouched */
			vheap_stats(h, &before);
			CHECK(vheap_free(h, q) == -EINVAL);
			vheap_stats(h, &after);
			CHECK(after.invalid_frees == before.invalid_frees + 1);
			CHECK(after.used == before.used && after.live_blocks == before.live_blocks);
		}
		return;
	default:
		/* a misaligned pointer into a live block, or one outside the span */
		i = pick(sel, HEAP);
		q = i >= 0 && live[i].n > 1 ? live[i].p + 1 + n % (live[i].n - 1) : arena;
		if (((uintptr_t)q & (VHEAP_ALIGN - 1)) == 0)
			q++;
		vheap_stats(h, &before);
		CHECK(vheap_free(h, q) == -EINVAL);
		vheap_stats(h, &after);
		CHECK(after.invalid_frees == before.invalid_frees + 1);
		CHECK(after.used == before.used && after.live_blocks == before.live_blocks);
		return;
	}
	if (q) {
		CHECK(n > 0);
		CHECK(vheap_usable_size(h, q) >= n);
		add(q, n, align, HEAP, arena + GUARD, arena + GUARD + MAX_SPAN, sel);
	}
}

/* vregion: allocs in the current mode, switch, frees, reset, references. */
static void region_op(struct prog *p, struct vregion *vr, unsigned op)
{
	struct vregion_stats before, after;
	size_t n = u16(p) % 3000, align = 0, size;
	unsigned sel = byte(p);
	uintptr_t start;
	unsigned char *q;
	int i;

	vregion_mem_info(vr, &size, &start);
	CHECK(vregion_stats(vr, &before) == 0);
	if (op == 0 && n_live == MAX_LIVE)
		return;
	switch (op) {
	case 0:
		align = sel & 1 ? (size_t)1 << (sel % 13) : 0;
		q = sel & 2 ? vregion_alloc_coherent_align(vr, n, align) :
			      vregion_alloc_align(vr, n, align);
		if (q) {
			size_t a = align > VREGION_MIN_ALIGN ? align : VREGION_MIN_ALIGN;

			CHECK(n > 0 && before.mode != VREGION_MEM_TYPE_INVALID);
			add(q, n, a, before.mode == VREGION_MEM_TYPE_INTERIM ? INTERIM : LIFETIME,
			    (unsigned char *)start, (unsigned char *)start + size, sel);
		}
		break;
	case 1:
		vregion_set_interim(vr);
		break;
	case 2:
		i = pick(sel, sel & 1 ? INTERIM : LIFETIME);
		if (i >= 0) {
			q = live[i].p;
			drop((unsigned)i);
			CHECK(vregion_free(vr, q) == 0);
		}
		break;
	case 3:
		/* misaligned interior pointer or a pointer outside the region */
		i = pick(sel, sel & 1 ? INTERIM : LIFETIME);
		q = i >= 0 && live[i].n > 1 ? live[i].p + 1 + n % (live[i].n - 1) : arena;
		if (((uintptr_t)q & (VREGION_MIN_ALIGN - 1)) == 0)
			q++;
		CHECK(vregion_free(vr, q) == -EINVAL);
		CHECK(vregion_stats(vr, &after) == 0);
		CHECK(after.invalid_frees == before.invalid_frees + 1);
		CHECK(after.interim_used == before.interim_used);
		CHECK(after.lifetime_used == before.lifetime_used);
		break;
	case 4:
		i = vregion_reset_interim(vr);
		if (before.mode != VREGION_MEM_TYPE_INTERIM)
			CHECK(i == -EINVAL);
		else
			CHECK(i == (model_count(INTERIM, NULL) ? -EBUSY : 0));
		break;
	default:
		CHECK(vregion_get(vr) == vr);
		CHECK(vregion_stats(vr, &after) == 0 && after.use_count == 2);
		CHECK(vregion_put(vr) == vr);
		break;
	}
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	setenv("VREGION_LOG_LEVEL", "-1", 0);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct prog p = { data, size };
	struct vheap_stats sys0, sys1;
	size_t regions0 = vregion_live_count();
	static struct vheap h;
	struct vregion *vr;
	size_t span = 40 + u16(&p) % (MAX_SPAN - 40);
	unsigned pages = 1 + byte(&p) % 8, steps = 0;

	if (size > 4096)
		return 0;
	CHECK(sys_heap_stats(&sys0) == 0);
	memset(arena, GUARD_BYTE, sizeof(arena));
	CHECK(vheap_init(&h, arena + GUARD, span) == 0);
	vr = vregion_create((size_t)pages * 4096u);
	CHECK(vr != NULL);
	n_live = 0;
	while (p.left && steps++ < 400) {
		unsigned op = byte(&p) % 12;

		if (op < 5)
			heap_op(&p, &h, op);
		else
			region_op(&p, vr, op - 5);
		check_contents();
		check_guards();
		check_heap(&h);
		check_region(vr);
	}
	/* tear down in model order; interim blocks go back before the put */
	while (n_live) {
		struct blk b = live[n_live - 1];

		drop(n_live - 1);
		if (b.who == HEAP)
			CHECK(vheap_free(&h, b.p) == 0);
		else
			CHECK(vregion_free(vr, b.p) == 0);
		check_contents();
	}
	check_heap(&h);
	check_region(vr);
	vheap_stats(&h, &sys1);
	CHECK(sys1.used == 0 && sys1.live_blocks == 0);
	vheap_fini(&h);
	check_guards();
	CHECK(vregion_put(vr) == NULL);
	CHECK(vregion_live_count() == regions0);
	CHECK(sys_heap_stats(&sys1) == 0);
	CHECK(sys1.live_blocks == sys0.live_blocks && sys1.used == sys0.used);
	CHECK(sys_heap_validate() == 0);
	return 0;
}
