/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Start-up code of the Cortex-M test image: the vector table, the reset
 * handler (copy .data, clear .bss, run main, exit through semihosting) and
 * fault handlers that report the fault and fail the test run instead of
 * hanging until ctest's timeout.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "semihost.h"

int main(void);
void Reset_Handler(void);
void Fault_Handler(void);
void Default_Handler(void);

/* Symbols of mps2-an385.ld. */
extern uint32_t __data_load[], __data_start[], __data_end[];
extern uint32_t __bss_start__[], __bss_end__[];
extern uint32_t __stack_top[];

typedef void (*vector_t)(void);

__attribute__((section(".isr_vector"), used)) static const vector_t vectors[16] = {
	(vector_t)(uintptr_t)__stack_top,
	Reset_Handler,
	Default_Handler, /* NMI */
	Fault_Handler,   /* HardFault */
	Fault_Handler,   /* MemManage */
	Fault_Handler,   /* BusFault */
	Fault_Handler,   /* UsageFault */
	0, 0, 0, 0,
	Default_Handler, /* SVCall */
	Default_Handler, /* DebugMonitor */
	0,
	Default_Handler, /* PendSV */
	Default_Handler, /* SysTick */
};

void Reset_Handler(void)
{
#if defined(__ARM_FP)
	/* Grant access to the FPU (CPACR CP10/CP11) before any code uses it. */
	*(volatile uint32_t *)0xE000ED88u |= 0xFu << 20;
	__asm__ volatile("dsb\n\tisb" : : : "memory");
#endif
	for (uint32_t *s = __data_load, *d = __data_start; d < __data_end;)
		*d++ = *s++;
	for (uint32_t *d = __bss_start__; d < __bss_end__;)
		*d++ = 0;
	/* Trap integer division by zero (CCR.DIV_0_TRP) instead of yielding 0. */
	volatile uint32_t *ccr = (volatile uint32_t *)0xE000ED14u;
	*ccr |= (1u << 4);
	exit(main());
}

static void put_hex(const char *label, uint32_t v)
{
	char buf[32];
	snprintf(buf, sizeof(buf), "%s0x%08lx", label, (unsigned long)v);
	semihost_write0(buf);
}

void fault_report(const uint32_t *frame);

/* Hand the exception frame (on MSP or PSP, as EXC_RETURN says) to fault_report. */
__attribute__((naked)) void Fault_Handler(void)
{
	__asm__ volatile("tst lr, #4\n\t"
			 "ite eq\n\t"
			 "mrseq r0, msp\n\t"
			 "mrsne r0, psp\n\t"
			 "b fault_report\n\t");
}

void fault_report(const uint32_t *frame)
{
	volatile uint32_t *scb = (volatile uint32_t *)0xE000ED00u;
	semihost_write0("\n[  FAULT   ] CPU fault:");
	put_hex(" CFSR=", scb[0x28 / 4]);
	put_hex(" HFSR=", scb[0x2C / 4]);
	put_hex(" BFAR=", scb[0x38 / 4]);
	put_hex(" stacked PC=", frame[6]);
	semihost_write0("\n");
	semihost_exit(3);
}

/* newlib's init/fini array walkers call these; crti/crtn are not linked. */
void _init(void);
void _fini(void);

void _init(void)
{
}

void _fini(void)
{
}

void Default_Handler(void)
{
	semihost_write0("\n[  FAULT   ] unexpected exception\n");
	semihost_exit(4);
}
