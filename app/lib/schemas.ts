import { z } from "zod";

/** A new password and its repetition; the policy's finer checks run on the server. */
export function newPasswordSchema<T extends z.ZodRawShape>(shape: T) {
  return z
    .object({
      ...shape,
      password: z
        .string({ required_error: "validation.required" })
        .min(12, "passwordPolicy.tooShort")
        .max(256, "passwordPolicy.tooLong"),
      confirm: z.string({ required_error: "validation.required" }).max(256, "passwordPolicy.tooLong"),
    })
    .superRefine((v, ctx) => {
      if (v.password !== v.confirm) ctx.addIssue({ code: "custom", path: ["confirm"], message: "validation.passwordMismatch" });
    });
}

export const EmailSchema = z
  .string({ required_error: "validation.required" })
  .trim()
  .max(254, "validation.tooLong|254")
  .email("validation.email");

export const InviteSchema = z.object({
  intent: z.literal("invite"),
  email: EmailSchema,
  name: z.string().trim().max(200, "validation.tooLong|200").optional(),
});
