/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Bare-metal locks. With VREGION_BM_LOCK_IRQMASK=0 (VREGION_BM_LOCK=none)
 * every lock is a no-op: for a single thread of execution that never calls
 * vregion from an interrupt handler. With VREGION_BM_LOCK_IRQMASK=1
 * (VREGION_BM_LOCK=irqmask) taking a lock masks interrupts - PRIMASK on
 * Cortex-M, mstatus.MIE on RISC-V machine mode - and giving it back restores
 * the mask as it was, so locks nest in LIFO order on one core. Neither
 * protects against a second core; for SMP use VREGION_BM_LOCK=external and
 * link your own vr_lock_* and vr_global_lock_* functions.
 */
#include <stdint.h>
#include <string.h>

#include <vregion/platform.h>

#if VREGION_BM_LOCK_IRQMASK

_Static_assert(sizeof(uint32_t) <= sizeof(vr_lock_t), "VREGION_LOCK_SIZE must be at least 4");

#if defined(__ARM_ARCH_PROFILE) && __ARM_ARCH_PROFILE == 'M'
static inline uint32_t irq_save(void)
{
	uint32_t was;
	__asm__ volatile("mrs %0, primask\n\tcpsid i" : "=r"(was) : : "memory");
	return was;
}

static inline void irq_restore(uint32_t was)
{
	__asm__ volatile("msr primask, %0" : : "r"(was) : "memory");
}
#elif defined(__riscv)
#define MSTATUS_MIE 8u
/* Zicsr is part of every RISC-V core with interrupts; newer assemblers want it named. */
#define CSR_BEGIN ".option push\n\t.option arch, +zicsr\n\t"
#define CSR_END "\n\t.option pop"
static inline uint32_t irq_save(void)
{
	unsigned long was;
	__asm__ volatile(CSR_BEGIN "csrrci %0, mstatus, 8" CSR_END : "=r"(was) : : "memory");
	return (uint32_t)(was & MSTATUS_MIE);
}

static inline void irq_restore(uint32_t was)
{
	if (was & MSTATUS_MIE)
		__asm__ volatile(CSR_BEGIN "csrsi mstatus, 8" CSR_END : : : "memory");
}
#else
#error "VREGION_BM_LOCK=irqmask supports Cortex-M and RISC-V; use external for this CPU"
#endif

static uint32_t global_saved[VR_GLOBAL_LOCK_COUNT];

int vr_lock_init(vr_lock_t *lock)
{
	memset(lock->opaque, 0, sizeof(uint32_t));
	return 0;
}

void vr_lock_destroy(vr_lock_t *lock)
{
	(void)lock;
}

void vr_lock_take(vr_lock_t *lock)
{
	uint32_t was = irq_save();
	/* Interrupts are masked now, so the store cannot be interleaved. */
	memcpy(lock->opaque, &was, sizeof(was));
}

void vr_lock_give(vr_lock_t *lock)
{
	uint32_t was;
	memcpy(&was, lock->opaque, sizeof(was));
	irq_restore(was);
}

void vr_global_lock_take(enum vr_global_lock which)
{
	uint32_t was = irq_save();
	global_saved[which] = was;
}

void vr_global_lock_give(enum vr_global_lock which)
{
	irq_restore(global_saved[which]);
}

#else /* no-op locks */

int vr_lock_init(vr_lock_t *lock)
{
	(void)lock;
	return 0;
}

void vr_lock_destroy(vr_lock_t *lock)
{
	(void)lock;
}

void vr_lock_take(vr_lock_t *lock)
{
	(void)lock;
}

void vr_lock_give(vr_lock_t *lock)
{
	(void)lock;
}

void vr_global_lock_take(enum vr_global_lock which)
{
	(void)which;
}

void vr_global_lock_give(enum vr_global_lock which)
{
	(void)which;
}

#endif
