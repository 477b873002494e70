/* SPDX-License-Identifier: BSD-3-Clause */
/* glibc malloc behind the benchmark adapter. */
#include "adapter.h"

#include <stdlib.h>

static int g_init(size_t max_live_bytes)
{
	(void)max_live_bytes;
	return 0;
}

static void *g_alloc(size_t size)
{
	return malloc(size);
}

static void *g_alloc_align(size_t size, size_t align)
{
	void *p;

	/* posix_memalign, not aligned_alloc: C11 wants size a multiple of align there. */
	return posix_memalign(&p, align, size) == 0 ? p : NULL;
}

static void g_free(void *p)
{
	free(p);
}

static void g_fini(void)
{
}

const struct bench_adapter bench_adapter = {
	.name = "glibc",
	.init = g_init,
	.alloc = g_alloc,
	.alloc_align = g_alloc_align,
	.free = g_free,
	.fini = g_fini,
	.alloc_fn = (const void *)malloc,
	.align_fn = (const void *)posix_memalign,
	.free_fn = (const void *)free,
};
