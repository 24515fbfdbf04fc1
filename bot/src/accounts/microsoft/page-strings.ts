import type { Language } from "../../teams/i18n";

/**
 * Texts of the browser pages the Microsoft sign-in and admin-consent routes answer with, in the
 * four languages the app speaks. `{account}` and `{code}` are filled in (HTML-escaped) by pages.ts.
 */
export interface PageStrings {
  signedInTitle: string;
  signedInBody: string;
  declinedTitle: string;
  declinedBody: string;
  retry: string;
  wrongAccountTitle: string;
  /** {account}: who signed in. */
  wrongAccountBody: string;
  linkInvalidTitle: string;
  linkInvalidBody: string;
  failedTitle: string;
  failedBody: string;
  /** {code}: Entra's error code, e.g. AADSTS50011. */
  entraErrorBody: string;
  adminTitle: string;
  adminThanksBody: string;
  adminPendingBody: string;
  adminDeclinedBody: string;
}

export const PAGE_STRINGS: Record<Language, PageStrings> = {
  en: {
    signedInTitle: "Signed in",
    signedInBody: "You're signed in. Return to Teams.",
    declinedTitle: "Permissions not granted",
    declinedBody: "You didn't grant the permissions, so the app can't reach your calendar. You can try again whenever you like.",
    retry: "Try again",
    wrongAccountTitle: "Another account",
    wrongAccountBody: "You signed in as {account}, but the request came from another account — sign in with the account you use in Teams.",
    linkInvalidTitle: "This link no longer works",
    linkInvalidBody: "This sign-in link has expired or has already been used. Start again from Teams.",
    failedTitle: "Sign-in failed",
    failedBody: "Sign-in could not be completed. Try again in a moment.",
    entraErrorBody: "Microsoft could not sign you in ({code}).",
    adminTitle: "Admin consent",
    adminThanksBody: "Thanks — the app can now be used by everyone in your organization.",
    adminPendingBody: "Your consent was recorded, but Microsoft has not made it effective yet. Try again in a few minutes.",
    adminDeclinedBody: "Admin consent was not granted. Until an admin consents, each person signs in to the app for themself.",
  },
  sv: {
    signedInTitle: "Inloggad",
    signedInBody: "Du är inloggad. Gå tillbaka till Teams.",
    declinedTitle: "Behörigheter nekades",
    declinedBody: "Du gav inte appen behörigheterna, så den kan inte nå din kalender. Du kan försöka igen när du vill.",
    retry: "Försök igen",
    wrongAccountTitle: "Ett annat konto",
    wrongAccountBody: "Du loggade in som {account}, men begäran kom från ett annat konto – logga in med kontot du använder i Teams.",
    linkInvalidTitle: "Länken fungerar inte längre",
    linkInvalidBody: "Inloggningslänken har gått ut eller har redan använts. Börja om från Teams.",
    failedTitle: "Inloggningen misslyckades",
    failedBody: "Inloggningen kunde inte slutföras. Försök igen om en stund.",
    entraErrorBody: "Microsoft kunde inte logga in dig ({code}).",
    adminTitle: "Administratörsmedgivande",
    adminThanksBody: "Tack – nu kan alla i din organisation använda appen.",
    adminPendingBody: "Ditt medgivande är registrerat men har inte börjat gälla hos Microsoft än. Försök igen om några minuter.",
    adminDeclinedBody: "Administratörsmedgivande gavs inte. Tills en administratör ger sitt medgivande loggar var och en in i appen för sig själv.",
  },
  ja: {
    signedInTitle: "サインインしました",
    signedInBody: "サインインしました。Teams に戻ってください。",
    declinedTitle: "アクセス許可が付与されていません",
    declinedBody: "アクセス許可が付与されなかったため、アプリはカレンダーにアクセスできません。いつでもやり直せます。",
    retry: "もう一度試す",
    wrongAccountTitle: "別のアカウントです",
    wrongAccountBody: "{account} としてサインインしましたが、要求は別のアカウントから送信されました。Teams で使用しているアカウントでサインインしてください。",
    linkInvalidTitle: "このリンクは使用できません",
    linkInvalidBody: "このサインイン リンクは期限切れか、すでに使用されています。Teams からやり直してください。",
    failedTitle: "サインインできませんでした",
    failedBody: "サインインを完了できませんでした。しばらくしてからもう一度お試しください。",
    entraErrorBody: "Microsoft でサインインできませんでした ({code})。",
    adminTitle: "管理者の同意",
    adminThanksBody: "ありがとうございます。組織の全員がこのアプリを使用できるようになりました。",
    adminPendingBody: "同意は記録されましたが、Microsoft 側でまだ有効になっていません。数分後にもう一度お試しください。",
    adminDeclinedBody: "管理者の同意は付与されませんでした。管理者が同意するまでは、各ユーザーが個別にアプリにサインインします。",
  },
  tr: {
    signedInTitle: "Oturum açıldı",
    signedInBody: "Oturum açtınız. Teams'e dönün.",
    declinedTitle: "İzinler verilmedi",
    declinedBody: "İzinleri vermediğiniz için uygulama takviminize erişemiyor. İstediğiniz zaman yeniden deneyebilirsiniz.",
    retry: "Yeniden dene",
    wrongAccountTitle: "Başka bir hesap",
    wrongAccountBody: "{account} olarak oturum açtınız, ancak istek başka bir hesaptan geldi — Teams'te kullandığınız hesapla oturum açın.",
    linkInvalidTitle: "Bu bağlantı artık çalışmıyor",
    linkInvalidBody: "Bu oturum açma bağlantısının süresi dolmuş ya da bağlantı zaten kullanılmış. Teams'ten yeniden başlayın.",
    failedTitle: "Oturum açılamadı",
    failedBody: "Oturum açma tamamlanamadı. Biraz sonra yeniden deneyin.",
    entraErrorBody: "Microsoft oturumunuzu açamadı ({code}).",
    adminTitle: "Yönetici onayı",
    adminThanksBody: "Teşekkürler — artık kuruluşunuzdaki herkes uygulamayı kullanabilir.",
    adminPendingBody: "Onayınız kaydedildi ancak Microsoft tarafında henüz geçerli olmadı. Birkaç dakika sonra yeniden deneyin.",
    adminDeclinedBody: "Yönetici onayı verilmedi. Bir yönetici onay verene kadar herkes uygulamada kendi adına oturum açar.",
  },
};
