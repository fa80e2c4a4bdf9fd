// The two filings the end-to-end tests enter through the widget, section by section, as a
// filer types them: spaces in numbers, a lower-case check character, full-width digits,
// mixed-case domains. The values are those of tests/fixtures/individual-beijing.json and
// tests/fixtures/enterprise-guangdong-two-websites.json, except where a warning is wanted.

/** 张伟, Beijing: one website; his ID card expires in under 3 months (a warning). */
export const individual = {
  locale: "zh-CN",
  id: "11010819900307106X",
  typedId: "110108 19900307 106x",
  /** The same number with a wrong check character (an error). */
  wrongId: "110108 19900307 1068",
  validUntil: "2027-02-10",
  mobile: "13911112222",
  typedMobile: "１３９ １１１１ ２２２２",
  domain: "zhangwei-notes.cn",
  typedDomain: "ZhangWei-Notes.CN",

  async basics(w) {
    await w.pick("filingType", "首次备案");
    await w.choose("province", "北京市");
  },

  /** Everything on the subject page, with `id` as the certificate number. */
  async subject(w, id = this.typedId) {
    await w.choose("subject.kind", "个人");
    await w.type("subject.name", "张伟");
    await w.type("subject.certificate.number", id);
    await w.$("subject.certificate.validUntil").fill(this.validUntil);
    await w.type("subject.certificateAddress", "北京市海淀区中关村大街27号");
    await w.chooseWhenReady("subject.address.province", "北京市");
    await w.chooseWhenReady("subject.address.city", "北京市");
    await w.chooseWhenReady("subject.address.district", "海淀区");
    await w.type("subject.address.detail", "中关村大街27号院3号楼1单元502");
    await w.type("subject.principal.mobile", this.typedMobile);
    await w.type("subject.principal.emergencyPhone", "138-1111-3333");
    await w.type("subject.principal.email", "zhangwei@example.com");
  },

  async services(w) {
    if (!(await w.$("websites[0].name").count())) await w.page.getByRole("button", { name: "添加网站" }).click();
    await w.type("websites[0].name", "张伟的读书笔记");
    await w.type("websites[0].homepage", "www.zhangwei-notes.cn");
    await w.type("websites[0].domains[0]", this.typedDomain);
    await w.pick("websites[0].serviceContent", "博客/个人空间");
    await w.pick("websites[0].languages", "中文简体");
    await w.type("websites[0].remark", "个人读书笔记，不涉及经营性内容");
  },
};

/** A Shenzhen company: two websites, each with its own responsible person. */
export const enterprise = {
  locale: "en",
  uscc: "91440300708461136T",
  typedUscc: "9144 0300 7084 6113 6t",
  principalId: "440305198506120023",
  principalValidUntil: "2027-01-20",

  async basics(w) {
    await w.pick("filingType", "First filing");
    await w.choose("province", "Guangdong");
  },

  /** Everything on the subject page, with `email` as the principal's e-mail. */
  async subject(w, email = "lina@tencent-example.com") {
    await w.choose("subject.kind", "Enterprise");
    await w.type("subject.name", "深圳市腾讯计算机系统有限公司");
    await w.type("subject.certificate.number", this.typedUscc);
    await w.pick("subject.certificate.validUntil", "Long-term (no expiry)");
    await w.type("subject.certificateAddress", "深圳市南山区粤海街道麻岭社区科技中一路腾讯大厦35层");
    await w.chooseWhenReady("subject.address.province", "广东省");
    await w.chooseWhenReady("subject.address.city", "深圳市");
    await w.chooseWhenReady("subject.address.district", "南山区");
    await w.type("subject.address.detail", "科技中一路腾讯大厦35层");
    await w.pick("subject.principalIsLegalRepresentative", "Yes");
    await person(w, "subject.principal", {
      name: "李娜",
      id: "4403 0519 8506 1200 23",
      validUntil: this.principalValidUntil,
      mobile: "+86 136 0000 1111",
      emergency: "13600002222",
      email,
      office: "0755 8601 3388",
    });
  },

  async services(w) {
    await website(w, 0, {
      name: "腾讯云官网",
      homepage: "https://www.tencent-example.com",
      domain: "Tencent-Example.COM",
      content: "Organisation website",
      languages: ["Chinese (Simplified)", "English"],
      responsible: {
        name: "王强",
        id: "440304199208180034",
        validUntil: "2035-06-30",
        mobile: "137 0000 3333",
        emergency: "13700004444",
        email: "wangqiang@tencent-example.com",
        office: "0755-86013399",
      },
    });
    await website(w, 1, {
      name: "腾讯开发者文档官网",
      homepage: "docs.tencent-docs-example.cn",
      domain: "TENCENT-DOCS-EXAMPLE.CN",
      content: "Other",
      languages: ["Chinese (Simplified)"],
      responsible: {
        name: "陈静",
        id: "440106198801010041",
        validUntil: "2035-06-30",
        mobile: "135-0000-5555",
        emergency: "13500006666",
        email: "chenjing@tencent-example.com",
        office: "(020) 8333 1234",
      },
    });
  },
};

/** A person's fields under `base` (the principal, or a responsible person). */
async function person(w, base, p) {
  await w.type(`${base}.name`, p.name);
  await w.choose(`${base}.certificate.type`, w.t("居民身份证", "Resident ID card"));
  await w.type(`${base}.certificate.number`, p.id);
  await w.$(`${base}.certificate.validUntil`).fill(p.validUntil);
  await w.type(`${base}.mobile`, p.mobile);
  await w.type(`${base}.emergencyPhone`, p.emergency);
  await w.type(`${base}.email`, p.email);
  // Asked of a unit's persons; a card without the field leaves it to the rules to report.
  if (p.office && (await w.$(`${base}.officePhone`).count())) await w.type(`${base}.officePhone`, p.office);
}

async function website(w, i, site) {
  const base = `websites[${i}]`;
  if (!(await w.$(`${base}.name`).count())) await w.page.getByRole("button", { name: "Add a website" }).click();
  await w.$(`${base}.name`).waitFor();
  await w.type(`${base}.name`, site.name);
  await w.type(`${base}.homepage`, site.homepage);
  await w.type(`${base}.domains[0]`, site.domain);
  await w.pick(`${base}.serviceContent`, site.content);
  for (const language of site.languages) await w.pick(`${base}.languages`, language);
  const linked = w.$(`${base}.responsible.linked`);
  if (await linked.isChecked()) await linked.uncheck();
  await person(w, `${base}.responsible`, site.responsible);
}
