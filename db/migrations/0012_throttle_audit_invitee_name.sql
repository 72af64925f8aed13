ALTER TABLE "invitations" ADD COLUMN "invitee_name" text;--> statement-breakpoint
ALTER TABLE "throttle_counters" ADD COLUMN "audited_block_until" timestamp with time zone;