import { z } from 'zod';

/** Body of POST /users. */
export const NewUserSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
});
export type NewUser = z.infer<typeof NewUserSchema>;

export interface User {
  id: string;
  name: string;
  createdAt: Date;
}
