// The two languages the assistant speaks. Danish is the authority; English is
// chosen by the user's words or the client's locale.
import { z } from 'zod';

export const Lang = z.enum(['da', 'en']);
export type Lang = z.infer<typeof Lang>;
