import { z } from "zod";

const day = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "assignments.badDate")
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), "assignments.badDate")
  .optional();

export const ASSIGNMENT_STATUS = ["ongoing", "reported", "closed"] as const;

export const AssignmentSchema = z
  .object({
    title: z.string({ required_error: "validation.required" }).trim().min(1, "validation.required").max(300, "validation.tooLong|300"),
    reference: z.string().trim().max(50, "validation.tooLong|50").default(""),
    issuer: z.string().trim().max(200, "validation.tooLong|200").default(""),
    startDate: day,
    reportDueDate: day,
    status: z.enum(ASSIGNMENT_STATUS, { errorMap: () => ({ message: "validation.invalidChoice" }) }),
    description: z.string().trim().max(10_000, "validation.tooLong|10000").default(""),
    link: z
      .string()
      .trim()
      .max(500, "validation.tooLong|500")
      .url("validation.url")
      .refine((v) => /^https?:\/\//i.test(v), "validation.url")
      .optional(),
  })
  .superRefine((v, ctx) => {
    if (v.startDate && v.reportDueDate && v.reportDueDate < v.startDate) {
      ctx.addIssue({ code: "custom", path: ["reportDueDate"], message: "assignments.dueBeforeStart" });
    }
  });
