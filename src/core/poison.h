/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Memory that is not handed out (free heap space, headers, lifetime space
 * not yet allocated) is poisoned for ASan and marked no-access for Valgrind,
 * so a user that writes one byte past its block is reported at that write.
 * Without either tool these compile to nothing: the core stays freestanding.
 */
#ifndef VREGION_CORE_POISON_H
#define VREGION_CORE_POISON_H

#if defined(VREGION_ASAN)
#include <sanitizer/asan_interface.h>
#define VR_POISON(p, n) ASAN_POISON_MEMORY_REGION((p), (n))
#define VR_UNPOISON(p, n) ASAN_UNPOISON_MEMORY_REGION((p), (n))
/* Memory the allocator itself writes (headers): addressable and defined. */
#define VR_OPEN(p, n) ASAN_UNPOISON_MEMORY_REGION((p), (n))
#elif defined(VREGION_VALGRIND)
#include <valgrind/memcheck.h>
#define VR_POISON(p, n) ((void)VALGRIND_MAKE_MEM_NOACCESS((p), (n)))
#define VR_UNPOISON(p, n) ((void)VALGRIND_MAKE_MEM_UNDEFINED((p), (n)))
#define VR_OPEN(p, n) ((void)VALGRIND_MAKE_MEM_DEFINED((p), (n)))
#else
#define VR_POISON(p, n) ((void)(p), (void)(n))
#define VR_UNPOISON(p, n) ((void)(p), (void)(n))
#define VR_OPEN(p, n) ((void)(p), (void)(n))
#endif

#endif /* VREGION_CORE_POISON_H */
