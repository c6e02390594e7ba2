/** An id usable in the shadow root's `id` attributes from a content id (`t_1.2` → `t_1_2`). */
export const domId = (id: string): string => id.replace(/[^\w-]/g, '_');
