/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * jemalloc (Debian libjemalloc-dev) through its non-standard API. Debian
 * builds it without a symbol prefix, so mallocx/dallocx are the
 * jemalloc-only entry points (malloc/free would be jemalloc's too, since
 * linking it replaces glibc's malloc in this binary).
 */
#include "adapter.h"

#include <jemalloc/jemalloc.h>

static int j_init(size_t max_live_bytes)
{
	(void)max_live_bytes;
	return 0;
}

static void *j_alloc(size_t size)
{
	return mallocx(size, 0);
}

static void *j_alloc_align(size_t size, size_t align)
{
	return mallocx(size, MALLOCX_ALIGN(align));
}

static void j_free(void *p)
{
	dallocx(p, 0);
}

static void j_fini(void)
{
}

const struct bench_adapter bench_adapter = {
	.name = "jemalloc",
	.init = j_init,
	.alloc = j_alloc,
	.alloc_align = j_alloc_align,
	.free = j_free,
	.fini = j_fini,
	.alloc_fn = (const void *)mallocx,
	.align_fn = (const void *)mallocx,
	.free_fn = (const void *)dallocx,
};
