import type { Strings } from "./en";

export const tr: Strings = {
  appName: "Webex Scheduler",
  skipToContent: "Ana içeriğe atla",
  connecting: "Microsoft Teams'e bağlanılıyor…",

  outsideTitle: "Bu sekmeyi Microsoft Teams'te açın",
  outsideBody:
    "Bu, Microsoft Teams için Webex Scheduler sekmesidir — Teams'te açın ya da uygulamayı bir Teams kiracısı olmadan denemek için korumalı alan playground'unu kullanın.",
  outsideHint: "Botla yerel olarak sohbet etmek için “npm start” ve ardından “npm run playground” komutunu çalıştırın.",

  personalHeading: "Webex toplantılarınız",
  channelHeading: "{channel} kanalındaki Webex toplantıları",
  channelHeadingUnnamed: "Bu kanaldaki Webex toplantıları",
  chatHeading: "Bu sohbetteki Webex toplantıları",
  teamAndChannel: "{team} · {channel}",

  upcomingHeading: "Yaklaşan Webex toplantıları",
  upcomingEmptyTitle: "Burada henüz gösterilecek toplantı yok",
  upcomingEmptyBody:
    "Bu sekmedeki toplantı listesi sonraki bir sürümde gelecek. O zamana kadar botla sohbetinizde “upcoming” yazın.",

  scheduleHeading: "Planla",
  schedulePlaceholder:
    "Sekmeden toplantı planlamak henüz kullanılamıyor. Şimdilik bota sohbette yazın — örneğin “yarın 15:00'te Aiko ile 45 dakikalık Tasarım incelemesi planla”.",

  configHeading: "Webex Scheduler'ı bu kanala ekleyin",
  configHeadingChat: "Webex Scheduler\'ı bu sohbete ekleyin",
  configBody:
    "Sekme, burada planlanan Webex toplantılarını ve sonraki bir sürümde yeni toplantı planlamak için bir form gösterecek. Eklemek için Kaydet'i seçin.",
  configSaveFailed: "Sekme ayarları kaydedilemedi. Yeniden deneyin.",
  tabDisplayName: "Webex toplantıları",

  accountsHeading: "Hesaplarınız",
  accountsLoading: "Hesaplarınız kontrol ediliyor…",
  accountsMicrosoft: "Microsoft 365",
  accountsWebex: "Webex",
  accountsMode: "Erişim",
  modeTenant: "Tüm kuruluşunuz için (yöneticiniz uygulamayı onayladı)",
  modeIndividual: "Yalnızca sizin için (uygulamayı kendiniz onaylarsınız)",
  webexMatched: "{email}",
  webexViaService: "{email}, kuruluşunuzun Webex hizmet hesabı üzerinden planlanır",
  webexNotConnected: "Henüz bağlanmadı",
  webexNoAccount: "Webex'te {addresses} için bir hesap yok.",
  webexDomainNotVerified: "E-posta adreslerinizin hiçbiri, kuruluşunuzun Microsoft 365'te doğruladığı bir etki alanında değil.",
  webexAccountDisabled: "Microsoft 365 hesabınız devre dışı.",
  accountsReady: "Her şey hazır — Webex toplantıları planlayabilirsiniz.",
  nextStepsHeading: "Sonraki adımlar",
  stepMicrosoftSignIn: "Microsoft ile oturum açın",
  stepConnectWebex: "Webex'i bağlayın",
  stepAdminConsent: "Microsoft 365 yöneticiniz uygulamayı kuruluşunuz için henüz onaylamadı. Yöneticinizden yönetici onayı sayfasını açmasını isteyin:",
  stepAdminConsentLink: "Yönetici onayı sayfası",
  stepWebexMismatch: "Webex'i {connectedAs} olarak bağladınız, ancak Microsoft 365 adresiniz {expected} ile eşleşiyor.",
  stepWebexMismatchButton: "Webex'i {expected} olarak bağlayın",
  stepOther: "Kuruluma devam edin",
  stepOpensInNewWindow: "Bağlantılar yeni bir pencerede açılır. İşiniz bitince buraya dönün.",
  accountsRefresh: "Yeniden kontrol et",
  accountsSignInTitle: "Oturumunuz doğrulanamadı",
  accountsSignInBody: "Süresi dolmuş olabilir. Hesaplarınızı görmek için yeniden oturum açın.",
  accountsSignInAgain: "Yeniden oturum açın",
  accountsErrorTitle: "Hesaplarınız yüklenemedi",
  accountsErrorBody: "Bağlantınızı kontrol edip yeniden deneyin.",
  accountsRetry: "Yeniden dene",
  disconnect: "Bağlantıyı kes",
  disconnectTitle: "Hesaplarınızın bağlantısı kesilsin mi?",
  disconnectBody:
    "Uygulama Microsoft 365 ve Webex oturumlarınızı unutur ve takviminizi Webex ile eşitlemeyi durdurur. Planlanmış toplantılar olduğu gibi kalır. İstediğiniz zaman yeniden bağlanabilirsiniz.",
  disconnectConfirm: "Bağlantıyı kes",
  disconnectCancel: "İptal",
  disconnecting: "Bağlantı kesiliyor…",
  disconnectDone: "Bağlantı kesildi. İstediğiniz zaman yeniden bağlanabilirsiniz.",
  disconnectFailed: "Bağlantı kesilemedi. Yeniden deneyin.",

  footerVersion: "Hizmet sürümü {version}",
};
