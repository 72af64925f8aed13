// Why a new password was refused (NIST SP 800-63B); shown next to the field.
export const sv = {
  tooShort: "Lösenordet måste ha minst 12 tecken.",
  tooLong: "Lösenordet får ha högst 256 tecken.",
  common: "Lösenordet är för vanligt: det finns i listor över läckta lösenord. Välj något annat, gärna en fras av flera ord.",
  context: "Lösenordet bygger på ditt namn, din e-postadress eller portalens namn. Välj något som inte går att gissa från dem.",
  repetitive: "Lösenordet består av samma tecken om och om igen. Välj något annat.",
  help: "Minst 12 tecken, inga krav på specialtecken. En lång fras är både säker och lätt att minnas.",
};

export const en: typeof sv = {
  tooShort: "The password must have at least 12 characters.",
  tooLong: "The password may have at most 256 characters.",
  common: "This password is too common: it appears in lists of leaked passwords. Choose another, preferably a phrase of several words.",
  context: "This password is built from your name, your e-mail address or the portal's name. Choose something that cannot be guessed from them.",
  repetitive: "This password repeats the same characters. Choose another.",
  help: "At least 12 characters, no special characters required. A long phrase is both safe and easy to remember.",
};
