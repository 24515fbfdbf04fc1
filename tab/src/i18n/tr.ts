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

  footerVersion: "Hizmet sürümü {version}",
};
