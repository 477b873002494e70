/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The floor: a bare bump pointer. free does nothing; when the arena is
 * used up the pointer wraps to its start (the benchmark only writes one
 * byte per block, so overwriting "live" blocks is harmless). It is the cost
 * of handing out memory with no bookkeeping at all, not an allocator.
 */
#include "adapter.h"

#include <stdint.h>
#include <string.h>
#include <sys/mman.h>

#define BUMP_MIN_ALIGN 16u

static uintptr_t bump_base, bump_cur, bump_end;

/*
 * The arena is half the largest possible live set - about what the live
 * set really holds - so the floor touches as much memory as a heap does and
 * its figure is not flattered by a cache-resident arena. Pre-faulted.
 */
static int b_init(size_t max_live_bytes)
{
	size_t bytes = max_live_bytes / 2u;
	void *p = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		return -1;
	memset(p, 0, bytes);
	bump_base = bump_cur = (uintptr_t)p;
	bump_end = bump_base + bytes;
	return 0;
}

static inline void *bump_take(size_t size, size_t align)
{
	uintptr_t p = (bump_cur + (align - 1u)) & ~(uintptr_t)(align - 1u);

	if (p + size > bump_end)
		p = bump_base;
	bump_cur = p + size;
	return (void *)p;
}

/* noinline: each is one real function, as the heaps' entry points are. */
__attribute__((noinline)) static void *bump_alloc_align(size_t size, size_t align)
{
	return bump_take(size, align);
}

__attribute__((noinline)) static void *bump_alloc(size_t size)
{
	return bump_take(size, BUMP_MIN_ALIGN);
}

__attribute__((noinline)) static void bump_free(void *p)
{
	__asm__ volatile("" : : "r"(p) : "memory");
}

static void b_fini(void)
{
	munmap((void *)bump_base, (size_t)(bump_end - bump_base));
}

const struct bench_adapter bench_adapter = {
	.name = "bump",
	.init = b_init,
	.alloc = bump_alloc,
	.alloc_align = bump_alloc_align,
	.free = bump_free,
	.fini = b_fini,
	.alloc_fn = (const void *)bump_alloc,
	.align_fn = (const void *)bump_alloc_align,
	.free_fn = (const void *)bump_free,
};
