/* gaio-fiber.c
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#include "config.h"

#include <string.h>

#ifdef HAVE_UCONTEXT
# include <ucontext.h>
#endif

#ifdef HAVE_VALGRIND
# include <valgrind/valgrind.h>
#endif

#if defined(__SANITIZE_ADDRESS__)
# define GAIO_FIBER_ASAN 1
#elif defined(__has_feature)
# if __has_feature(address_sanitizer)
#  define GAIO_FIBER_ASAN 1
# endif
#endif

#if defined(GAIO_FIBER_ASAN) && defined(HAVE_ASAN_INTERFACE)
# include <sanitizer/asan_interface.h>
#else
# undef GAIO_FIBER_ASAN
#endif

#if defined(__x86_64__) && defined(__ELF__)
# define HAVE_ASM_SWITCH 1
#endif

#if !defined(HAVE_ASM_SWITCH) && !defined(HAVE_UCONTEXT)
# error "Gaio fibers need x86-64 or swapcontext()"
#endif

#include "gaio-fiber-private.h"
#include "gaio-stack-pool-private.h"

#ifdef HAVE_UCONTEXT
typedef struct
{
  ucontext_t self;
  ucontext_t caller;
} UContexts;
#endif

struct _GaioFiber
{
  GaioStack     *stack;
  GaioFiberFunc  func;
  gpointer       data;
  GDestroyNotify destroy;       /* frees data with the fiber */
  void          *sp;            /* asm: stack pointer saved while suspended */
  void          *caller_sp;     /* asm: where to go back to on yield */
#ifdef HAVE_UCONTEXT
  UContexts     *uc;
#endif
#ifdef HAVE_VALGRIND
  unsigned       valgrind_id;
#endif
#ifdef GAIO_FIBER_ASAN
  void          *fake_stack;
  const void    *caller_bottom;
  gsize          caller_size;
#endif
  guint          running : 1;
  guint          started : 1;
  guint          finished : 1;
};

static __thread GaioFiber *current_fiber;

/* The assembly switch. Callee-saved registers, the SSE control/status word
 * and the x87 control word go on the old stack, its stack pointer into
 * *save_sp; then the new stack's are popped, and `ret` continues wherever
 * that stack left off (or in the trampoline, the first time). */
#ifdef HAVE_ASM_SWITCH
void gaio_fiber_switch_asm (void **save_sp,
                            void  *load_sp) G_GNUC_INTERNAL;
void gaio_fiber_trampoline_asm (void) G_GNUC_INTERNAL;

__asm__ (
  ".text\n"
  ".globl gaio_fiber_switch_asm\n"
  ".hidden gaio_fiber_switch_asm\n"
  ".type gaio_fiber_switch_asm, @function\n"
  ".p2align 4\n"
  "gaio_fiber_switch_asm:\n"
  "  pushq %rbp\n"
  "  pushq %rbx\n"
  "  pushq %r12\n"
  "  pushq %r13\n"
  "  pushq %r14\n"
  "  pushq %r15\n"
  "  subq $8, %rsp\n"
  "  stmxcsr (%rsp)\n"
  "  fnstcw 4(%rsp)\n"
  "  movq %rsp, (%rdi)\n"
  "  movq %rsi, %rsp\n"
  "  ldmxcsr (%rsp)\n"
  "  fldcw 4(%rsp)\n"
  "  addq $8, %rsp\n"
  "  popq %r15\n"
  "  popq %r14\n"
  "  popq %r13\n"
  "  popq %r12\n"
  "  popq %rbx\n"
  "  popq %rbp\n"
  "  ret\n"
  ".size gaio_fiber_switch_asm, .-gaio_fiber_switch_asm\n"
  "\n"
  /* First entry into a fiber: r12 holds the entry, r13 its argument. The
   * entry never returns; an undefined return address ends backtraces. */
  ".globl gaio_fiber_trampoline_asm\n"
  ".hidden gaio_fiber_trampoline_asm\n"
  ".type gaio_fiber_trampoline_asm, @function\n"
  ".p2align 4\n"
  "gaio_fiber_trampoline_asm:\n"
  "  .cfi_startproc\n"
  "  .cfi_undefined rip\n"
  "  xorl %ebp, %ebp\n"
  "  movq %r13, %rdi\n"
  "  andq $-16, %rsp\n"
  "  call *%r12\n"
  "  ud2\n"
  "  .cfi_endproc\n"
  ".size gaio_fiber_trampoline_asm, .-gaio_fiber_trampoline_asm\n"
);
#endif

static GaioFiberBackend
backend (void)
{
  static GaioFiberBackend chosen = -1;

  if (G_UNLIKELY (chosen == (GaioFiberBackend) -1))
    {
#if defined(HAVE_ASM_SWITCH) && defined(HAVE_UCONTEXT)
      if (g_strcmp0 (g_getenv ("GAIO_FIBER_BACKEND"), "ucontext") == 0)
        chosen = GAIO_FIBER_BACKEND_UCONTEXT;
      else
        chosen = GAIO_FIBER_BACKEND_ASM;
#elif defined(HAVE_ASM_SWITCH)
      chosen = GAIO_FIBER_BACKEND_ASM;
#else
      chosen = GAIO_FIBER_BACKEND_UCONTEXT;
#endif
    }
  return chosen;
}

GaioFiberBackend
gaio_fiber_get_backend (void)
{
  return backend ();
}

/* AddressSanitizer must be told of every stack switch, or it takes the
 * fiber's frames for a stack overflow and its fake stacks get mixed up. */
static inline void
asan_start (void       **fake_stack_save,
            const void  *bottom,
            gsize        size)
{
#ifdef GAIO_FIBER_ASAN
  __sanitizer_start_switch_fiber (fake_stack_save, bottom, size);
#endif
}

static inline void
asan_finish (void        *fake_stack_save,
             const void **bottom_old,
             gsize       *size_old)
{
#ifdef GAIO_FIBER_ASAN
  __sanitizer_finish_switch_fiber (fake_stack_save, bottom_old, size_old);
#endif
}

/* Switches into @fiber from its caller, or back out of it. */
static inline void
jump (GaioFiber *fiber,
      gboolean   into)
{
#ifdef HAVE_ASM_SWITCH
  if (backend () == GAIO_FIBER_BACKEND_ASM)
    {
      if (into)
        gaio_fiber_switch_asm (&fiber->caller_sp, fiber->sp);
      else
        gaio_fiber_switch_asm (&fiber->sp, fiber->caller_sp);
      return;
    }
#endif

#ifdef HAVE_UCONTEXT
  if (into)
    swapcontext (&fiber->uc->caller, &fiber->uc->self);
  else
    swapcontext (&fiber->uc->self, &fiber->uc->caller);
#endif
}

/* Leaves @fiber for its caller. A final switch passes no fake-stack slot,
 * so ASan frees the fiber's fake frames: it never comes back. */
static void
switch_out (GaioFiber *fiber,
            gboolean   final)
{
#ifdef GAIO_FIBER_ASAN
  asan_start (final ? NULL : &fiber->fake_stack, fiber->caller_bottom, fiber->caller_size);
#endif

  jump (fiber, FALSE);

#ifdef GAIO_FIBER_ASAN
  asan_finish (fiber->fake_stack, &fiber->caller_bottom, &fiber->caller_size);
#endif
}

G_GNUC_NORETURN static void
fiber_main (GaioFiber *fiber)
{
#ifdef GAIO_FIBER_ASAN
  asan_finish (NULL, &fiber->caller_bottom, &fiber->caller_size);
#endif

  fiber->func (fiber->data);
  fiber->finished = TRUE;
  switch_out (fiber, TRUE);
  g_assert_not_reached ();
}

#ifdef HAVE_UCONTEXT
/* makecontext() passes int arguments only: the pointer comes in halves. */
static void
ucontext_main (unsigned int high,
               unsigned int low)
{
#if GLIB_SIZEOF_VOID_P == 8
  fiber_main ((GaioFiber *) (((guintptr) high << 32) | (guintptr) low));
#else
  fiber_main ((GaioFiber *) (guintptr) low);
#endif
}
#endif

/* Makes a fiber that will run @func on a stack of @stack_size bytes
 * (rounded to pages) when first resumed; @destroy frees @data when the
 * fiber is freed. Fails with GAIO_ERROR_NO_STACK, leaving @data to the
 * caller. */
GaioFiber *
gaio_fiber_new (gsize           stack_size,
                GaioFiberFunc   func,
                gpointer        data,
                GDestroyNotify  destroy,
                GError        **error)
{
  GaioStack *stack = gaio_stack_acquire (stack_size, error);
  GaioFiber *fiber;

  if (stack == NULL)
    return NULL;

  fiber = g_new0 (GaioFiber, 1);
  fiber->stack = stack;
  fiber->func = func;
  fiber->data = data;
  fiber->destroy = destroy;

#ifdef GAIO_FIBER_ASAN
  /* A pooled stack may still carry the poisoned redzones of frames that
   * never returned (the last one of a finished fiber). */
  __asan_unpoison_memory_region (stack->base, stack->size);
#endif

#ifdef HAVE_VALGRIND
  fiber->valgrind_id = VALGRIND_STACK_REGISTER (stack->base, stack->base + stack->size);
#endif

#ifdef HAVE_ASM_SWITCH
  if (backend () == GAIO_FIBER_BACKEND_ASM)
    {
      guint64 *sp = (guint64 *) (((guintptr) stack->base + stack->size) & ~(guintptr) 15);

      /* The frame gaio_fiber_switch_asm() pops the first time. */
      *--sp = 0;                                        /* alignment */
      *--sp = (guint64) (guintptr) gaio_fiber_trampoline_asm; /* ret */
      *--sp = 0;                                        /* rbp */
      *--sp = 0;                                        /* rbx */
      *--sp = (guint64) (guintptr) fiber_main;          /* r12 */
      *--sp = (guint64) (guintptr) fiber;               /* r13 */
      *--sp = 0;                                        /* r14 */
      *--sp = 0;                                        /* r15 */
      *--sp = ((guint64) 0x037f << 32) | 0x1f80;        /* x87 CW, MXCSR defaults */
      fiber->sp = sp;
      return fiber;
    }
#endif

#ifdef HAVE_UCONTEXT
  {
    guint64 ptr = (guint64) (guintptr) fiber;

    fiber->uc = g_new0 (UContexts, 1);
    getcontext (&fiber->uc->self);
    fiber->uc->self.uc_stack.ss_sp = stack->base;
    fiber->uc->self.uc_stack.ss_size = stack->size;
    fiber->uc->self.uc_link = NULL;
    makecontext (&fiber->uc->self, (void (*) (void)) ucontext_main, 2,
                 (unsigned int) (ptr >> 32), (unsigned int) (ptr & 0xffffffffu));
  }
#endif

  return fiber;
}

/* Frees a fiber that finished or never started; its stack goes back to the
 * pool. A suspended fiber cannot be freed: its frames would never unwind. */
void
gaio_fiber_free (GaioFiber *fiber)
{
  if (fiber == NULL)
    return;

  g_return_if_fail (!fiber->running);
  g_return_if_fail (fiber->finished || !fiber->started);

#ifdef HAVE_VALGRIND
  VALGRIND_STACK_DEREGISTER (fiber->valgrind_id);
#endif
#ifdef HAVE_UCONTEXT
  g_free (fiber->uc);
#endif
  gaio_stack_release (fiber->stack);
  if (fiber->destroy != NULL)
    fiber->destroy (fiber->data);
  g_free (fiber);
}

/* Runs @fiber until it yields or returns, then comes back here. */
void
gaio_fiber_resume (GaioFiber *fiber)
{
  GaioFiber *caller = current_fiber;
#ifdef GAIO_FIBER_ASAN
  void *fake_stack = NULL;
#endif

  g_return_if_fail (fiber != NULL);
  g_return_if_fail (!fiber->running);
  g_return_if_fail (!fiber->finished);

  fiber->running = TRUE;
  fiber->started = TRUE;
  current_fiber = fiber;

#ifdef GAIO_FIBER_ASAN
  asan_start (&fake_stack, fiber->stack->base, fiber->stack->size);
#endif

  jump (fiber, TRUE);

#ifdef GAIO_FIBER_ASAN
  asan_finish (fake_stack, NULL, NULL);
#endif

  current_fiber = caller;
  fiber->running = FALSE;
}

/* Suspends the running fiber; gaio_fiber_resume() continues it. */
void
gaio_fiber_yield (void)
{
  GaioFiber *fiber = current_fiber;

  g_return_if_fail (fiber != NULL);

  switch_out (fiber, FALSE);
}

gboolean
gaio_fiber_is_finished (GaioFiber *fiber)
{
  return fiber->finished;
}

/* The fiber running on this thread, or NULL on the thread's own stack. */
GaioFiber *
gaio_fiber_get_current (void)
{
  return current_fiber;
}
