import { uploadLimitBytes } from "~/lib/upload.server";

/** Readable English for the API's upload errors (the pages show the Swedish or English text). */
export function uploadErrorMessage(code: string): string {
  const max = Math.round(uploadLimitBytes() / 1024 / 1024);
  const messages: Record<string, string> = {
    not_found: "No such network, folder or document among those you may change.",
    too_large: `The file is too large; the limit is ${max} MB.`,
    empty: "The file is empty.",
    not_allowed: "This type of file is not allowed (PDF, Office, OpenDocument, images, plain text, CSV and Markdown are).",
    mismatch: "The file's content does not match the extension of its name.",
    infected: "The virus scanner stopped the file; it has not been stored.",
    scanner_unavailable: "The virus scanner is unavailable, so the file was refused. Try again later.",
    no_file: "Send the file in a multipart field named 'file'.",
    bad_request: "The request is not multipart/form-data or could not be read.",
    aborted: "The upload was interrupted; nothing was stored.",
    storage_full: "There is no room left in the portal's file storage; nothing was stored. Reading works as usual; tell the portal's administrator.",
    "validation.required": "The title must not be empty.",
    "validation.invalidChoice": "An invalid value: classification must be open, internal or restricted, and organisations members of the network.",
    "library.errors.badName": "The title may not contain / or \\ or control characters.",
  };
  return messages[code] ?? (code.startsWith("validation.tooLong") ? "A field is too long." : "The upload was refused.");
}
